package dev.provision.spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Pure checks for the URLs and addresses a spec holds: origins, IP addresses. */
final class Urls {
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

  private Urls() {}

  /**
   * Why a value is not an absolute http(s) URL without user, query, fragment or trailing slash, or
   * null when it is one. A path is allowed ({@code https://api.example.com/http}).
   */
  static String originProblem(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "is not a valid URL";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "does not start with http:// or https://";
    }
    if (uri.getHost() == null) {
      Refusal port = HostRules.authorityPort(uri.getRawAuthority());
      return port != null ? port.words() : "has no host";
    }
    Refusal port = HostRules.port(uri.getPort());
    if (port != null) {
      return port.words();
    }
    if (uri.getRawUserInfo() != null) {
      return "contains a user name or password";
    }
    if (uri.getRawQuery() != null) {
      return "has a query (`?...`)";
    }
    if (uri.getRawFragment() != null) {
      return "has a fragment (`#...`)";
    }
    if (uri.getRawPath() != null && uri.getRawPath().endsWith("/")) {
      return "ends with `/`";
    }
    return null;
  }

  static boolean isHttp(String url) {
    return url != null && url.toLowerCase(Locale.ROOT).startsWith("http://");
  }

  /** True for an IPv4 or IPv6 address literal; never looks a name up. */
  static boolean isIpAddress(String text) {
    if (IPV4.matcher(text).matches()) {
      return true;
    }
    if (!text.contains(":") || !IPV6.matcher(text).matches()) {
      return false;
    }
    try {
      java.net.InetAddress.getByName(text);
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** True for an address that listens on every interface. */
  static boolean isWildcard(String bind) {
    return bind.equals("0.0.0.0") || bind.equals("::");
  }

  /** The host part of a default origin for a bind address. */
  static String originHost(String bind) {
    if (isWildcard(bind)) {
      return "127.0.0.1";
    }
    return bind.contains(":") ? "[" + bind + "]" : bind;
  }
}
