package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.model.Proxy;
import dev.provision.model.ProxyTls;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code proxy:}: image (a moving tag warns, as for the backend), bind address, host ports,
 * the public names (DNS names, distinct) and where certificates come from ({@link
 * ProxyTlsSection}). Without the section (or with {@code enabled: false}) it is {@link Proxy#NONE}
 * and nothing else in the spec changes.
 */
final class ProxySection {
  static final String DEFAULT_IMAGE = "caddy:2.8.4";
  private static final Pattern DNS_NAME =
      Pattern.compile(
          "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
  private static final Pattern RELEASE_TAG = Pattern.compile("v?\\d+\\.\\d+\\.\\d+([.-].*)?");
  private static final String PIN_HINT = "pin a release tag, such as " + DEFAULT_IMAGE;

  private ProxySection() {}

  static Proxy read(Fields root, String deployment, Path specFile) {
    Fields p = root.child("proxy");
    if (!p.present() || !p.bool("enabled", true)) {
      return Proxy.NONE;
    }
    String image = image(p);
    String bind = p.string("bind", "0.0.0.0");
    if (bind == null) {
      bind = "0.0.0.0";
    } else if (p.has("bind") && !Urls.isIpAddress(bind)) {
      p.add(
          p.error("bind", "`proxy.bind` is not an IP address")
              .withExpected("an IP address of the host, such as 0.0.0.0 or 127.0.0.1")
              .withFound(p.shown("bind")));
    }
    Fields ports = p.child("ports");
    int http = ports.integer("http", 80);
    int https = ports.integer("https", 443);
    if (http == https) {
      ports.add(
          ports
              .error("https", "`proxy.ports.http` and `proxy.ports.https` are the same port")
              .withExpected("two different host ports, such as 80 and 443"));
    }
    Fields names = p.child("names");
    Map<String, String> seen = new LinkedHashMap<>();
    String api = name(names, "api", seen);
    if (!names.has("api")) {
      p.add(
          Diagnostic.error(
                  names.present() ? names.where() : p.where(),
                  "proxy.names.api",
                  "`proxy.names.api` is required")
              .withExpected("the public name of the API, such as api.example.com")
              .withHint("add `names: {api: api.example.com}` under `proxy`, or remove `proxy`"));
    }
    String site = name(names, "site", seen);
    String dashboard = name(names, "dashboard", seen);
    ProxyTls tls = ProxyTlsSection.read(p.child("tls"), specFile);
    String volume = NameRules.volume(p, "volume", deployment + "-proxy-data");
    return new Proxy(
        true,
        image,
        bind,
        http,
        https,
        api == null ? "api.invalid" : api,
        site,
        dashboard,
        tls,
        volume);
  }

  private static String name(Fields names, String key, Map<String, String> seen) {
    String name = names.string(key, null);
    if (name == null) {
      return null;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (!DNS_NAME.matcher(lower).matches() || Urls.isIpAddress(name)) {
      names.add(
          names
              .error(key, "`proxy.names." + key + "` is not a DNS name")
              .withExpected("a host name without scheme, port or path, such as api.example.com")
              .withFound(names.shown(key)));
      return null;
    }
    String other = seen.putIfAbsent(lower, key);
    if (other != null) {
      names.add(
          names
              .error(key, "`proxy.names." + key + "` is the same name as `" + other + "`")
              .withExpected("a name of its own for each of api, site and dashboard")
              .withHint(
                  key.equals("site")
                      ? "leave `site` out to serve HTTP actions at <api>/http on the same name"
                      : null));
      return null;
    }
    return lower;
  }

  private static String image(Fields p) {
    if (!p.has("image")) {
      return DEFAULT_IMAGE;
    }
    String image = p.string("image", null);
    if (image == null) {
      return DEFAULT_IMAGE;
    }
    ImageRef.Problem problem = ImageRef.problem(image);
    if (problem != null) {
      p.add(
          p.error("image", "`proxy.image` " + problem.words)
              .withExpected("an image reference such as " + DEFAULT_IMAGE)
              .withFound(image.isEmpty() ? null : p.shown("image"))
              .withHint(problem.hint));
      return DEFAULT_IMAGE;
    }
    ImageRef ref = ImageRef.parse(image);
    if (ref.digest() == null && (ref.tag() == null || !RELEASE_TAG.matcher(ref.tag()).matches())) {
      p.add(
          Diagnostic.warning(
                  p.at("image"),
                  p.path("image"),
                  ref.tag() == null
                      ? "`proxy.image` has no tag, so Docker uses the moving tag :latest"
                      : "`proxy.image` uses the moving tag :" + ref.tag())
              .withHint(PIN_HINT));
    }
    return image;
  }
}
