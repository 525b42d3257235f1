package dev.provision.postgres;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.model.Database;
import dev.provision.model.Database.SslMode;
import dev.provision.model.Value;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the {@code url} of an external Postgres: {@code postgres://USER@HOST[:PORT]} (or {@code
 * postgresql://}), with no password, no database path (a bare trailing {@code /} is fine), no query
 * and no fragment. Every problem becomes a diagnostic so a user sees them all at once.
 *
 * <p>A password written into the URL is refused and never echoed: the user part is cut at the last
 * {@code @}, so even an unencoded {@code /}, {@code ?} or {@code #} in it stays out of messages.
 */
public final class PostgresUrlParser {
  static final String FORM = "postgres://USER@HOST[:PORT]";
  private static final Pattern HOST_NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9._~-]+)?");

  private final String path;

  /**
   * @param path the YAML path of the database settings, e.g. {@code database}, for diagnostics
   */
  public PostgresUrlParser(String path) {
    this.path = path;
  }

  /** Parses an external database's settings, or throws one exception carrying every problem. */
  public PostgresEndpoint parse(Database.ExternalPostgres db) {
    Diagnostics problems = new Diagnostics();
    PostgresEndpoint endpoint = parse(db.url(), db.password(), db.ssl(), db.caFile(), problems);
    problems.throwIfErrors();
    return endpoint;
  }

  /** Parses, adding every problem to {@code problems}; null when there was any error. */
  public PostgresEndpoint parse(
      String url, Value password, SslMode ssl, String caFile, Diagnostics problems) {
    int before = problems.all().size();
    String urlPath = path + ".url";
    if (url == null || url.isBlank()) {
      problems.add(error(urlPath, "the Postgres url is empty").withExpected(FORM));
      return null;
    }
    int schemeEnd = url.indexOf("://");
    String scheme = schemeEnd < 0 ? "" : url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    if (!scheme.equals("postgres") && !scheme.equals("postgresql")) {
      problems.add(
          error(urlPath, "the Postgres url must start with postgres:// or postgresql://")
              .withExpected(FORM)
              .withFound(
                  schemeEnd < 0 ? "no scheme" : "scheme '" + url.substring(0, schemeEnd) + "'"));
      return null;
    }
    String rest = url.substring(schemeEnd + 3);
    int at = rest.lastIndexOf('@');
    String userInfo = at < 0 ? "" : rest.substring(0, at);
    String hostPart = rest.substring(at + 1);
    String user = readUser(userInfo, urlPath, problems);
    hostPart = cutTail(hostPart, '#', "a fragment", urlPath, problems, "remove it");
    hostPart =
        cutTail(
            hostPart,
            '?',
            "query parameters",
            urlPath,
            problems,
            "remove them; TLS is set with " + path + ".ssl and " + path + ".caFile");
    if (hostPart.endsWith("/") && hostPart.indexOf('/') == hostPart.length() - 1) {
      hostPart =
          hostPart.substring(0, hostPart.length() - 1); // a bare trailing slash names nothing
    }
    hostPart =
        cutTail(
            hostPart,
            '/',
            "a database path",
            urlPath,
            problems,
            "remove it; the backend names its database after the instance (my-app -> my_app)");
    String[] hostPort = splitHostPort(hostPart, urlPath, problems);
    if (caFile != null && ssl == SslMode.DISABLE) {
      problems.add(
          error(path + ".caFile", "a CA file needs TLS, but ssl is 'disable'")
              .withHint("set " + path + ".ssl to 'require', or remove " + path + ".caFile"));
    }
    if (problems.all().size() > before || hostPort == null || user == null) {
      return null;
    }
    return new PostgresEndpoint(
        hostPort[0], Integer.parseInt(hostPort[1]), user, password, ssl, caFile);
  }

  private String readUser(String userInfo, String urlPath, Diagnostics problems) {
    if (userInfo.indexOf(':') >= 0) {
      problems.add(
          error(urlPath, "the Postgres url contains a password")
              .withExpected(FORM)
              .withHint(
                  "remove it from the url and give it as "
                      + path
                      + ".password, read from a secret"));
      return null;
    }
    if (userInfo.isEmpty()) {
      problems.add(
          error(urlPath, "the Postgres url has no user name")
              .withExpected(FORM)
              .withHint("the backend logs in as this role, e.g. postgres://convex@db.example.com"));
      return null;
    }
    try {
      return PercentEncoding.decode(userInfo);
    } catch (IllegalArgumentException e) {
      problems.add(
          error(urlPath, "the user name in the Postgres url is badly encoded: " + e.getMessage())
              .withFound(userInfo));
      return null;
    }
  }

  private String cutTail(
      String text, char mark, String what, String urlPath, Diagnostics problems, String hint) {
    int i = text.indexOf(mark);
    if (i < 0) {
      return text;
    }
    problems.add(
        error(urlPath, "the Postgres url must not contain " + what)
            .withExpected(FORM)
            .withFound(text.substring(i))
            .withHint(hint));
    return text.substring(0, i);
  }

  /** [host without brackets, port] or null after adding a diagnostic. */
  private String[] splitHostPort(String text, String urlPath, Diagnostics problems) {
    String host;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        problems.add(error(urlPath, "the IPv6 address in the Postgres url has no closing ']'"));
        return null;
      }
      host = text.substring(1, close);
      String after = text.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        problems.add(error(urlPath, "unexpected text after the IPv6 address").withFound(after));
        return null;
      }
      port = after.isEmpty() ? null : after.substring(1);
      if (!IPV6.matcher(host).matches() || host.indexOf(':') < 0) {
        problems.add(error(urlPath, "not an IPv6 address").withFound("[" + host + "]"));
        return null;
      }
    } else {
      int colon = text.indexOf(':');
      if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
        problems.add(
            error(urlPath, "an IPv6 address in a url must be written in brackets")
                .withExpected("postgres://USER@[2001:db8::1]:5432")
                .withFound(text));
        return null;
      }
      host = colon < 0 ? text : text.substring(0, colon);
      port = colon < 0 ? null : text.substring(colon + 1);
      if (host.isEmpty() || !HOST_NAME.matcher(host).matches()) {
        problems.add(
            error(urlPath, host.isEmpty() ? "the Postgres url has no host" : "not a host name")
                .withExpected(FORM)
                .withFound(host.isEmpty() ? null : host));
        return null;
      }
    }
    return new String[] {host, checkPort(port, urlPath, problems)};
  }

  private static String checkPort(String port, String urlPath, Diagnostics problems) {
    if (port == null) {
      return String.valueOf(PostgresEndpoint.DEFAULT_PORT);
    }
    if (port.matches("[0-9]{1,5}")
        && Integer.parseInt(port) >= 1
        && Integer.parseInt(port) <= 65535) {
      return String.valueOf(Integer.parseInt(port));
    }
    problems.add(
        error(urlPath, "the port in the Postgres url must be a number from 1 to 65535")
            .withFound(port.isEmpty() ? "an empty port" : port)
            .withHint("leave it out for the default, " + PostgresEndpoint.DEFAULT_PORT));
    return String.valueOf(PostgresEndpoint.DEFAULT_PORT);
  }

  private static Diagnostic error(String at, String message) {
    return Diagnostic.error(null, at, message);
  }
}
