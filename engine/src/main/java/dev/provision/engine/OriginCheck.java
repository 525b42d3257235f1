package dev.provision.engine;

import dev.provision.diag.Diagnostic;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Warns about a backend URL written for the app that a browser or the Convex CLI on the app's
 * machine cannot use: a listen-all address (0.0.0.0), a container-internal name (one label, such as
 * {@code app-backend} or {@code postgres}), or plain http to a host other than this machine.
 * Warnings only: the user may know better (a LAN host name, a VPN). What plain http puts at risk
 * depends on who reads the URL: see {@link Reader}.
 */
final class OriginCheck {
  private OriginCheck() {}

  /** Who uses the URL, which decides what plain http exposes. */
  enum Reader {
    /**
     * The app's env file ({@code outputs.envFile}): the Convex CLI sends the admin key with every
     * call.
     */
    CLI_WITH_ADMIN_KEY(
        ": the admin key travels unencrypted and browsers block it from https pages"),
    /**
     * The frontend env file ({@code outputs.frontendEnv}): the browser holds no admin key, but its
     * queries, their results and the user's auth tokens cross the network readable by anyone on the
     * path.
     */
    BROWSER(
        ": the app's queries, their data and its users' auth tokens travel unencrypted, and a"
            + " page served over https may not connect to it (mixed content)");

    private final String risk;

    Reader(String risk) {
      this.risk = risk;
    }
  }

  static List<Diagnostic> warnings(String url, String path, Reader reader) {
    List<Diagnostic> out = new ArrayList<>();
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      out.add(
          Diagnostic.warning(null, path, url + " is not a URL")
              .withHint("set backend.origins.cloud to the URL the app reaches the backend at"));
      return out;
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    String fix =
        "set backend.origins.cloud to the URL the app's machine reaches, e.g."
            + " http://127.0.0.1:PORT locally or the public https URL";
    if (bare.equals("0.0.0.0") || bare.equals("::")) {
      out.add(
          Diagnostic.warning(
                  null,
                  path,
                  url
                      + " uses "
                      + host
                      + ", a listen address: neither a browser nor the Convex CLI can connect to it")
              .withHint(fix));
      return out;
    }
    if (!bare.isEmpty()
        && !bare.contains(".")
        && !bare.contains(":")
        && !bare.equals("localhost")) {
      out.add(
          Diagnostic.warning(
                  null,
                  path,
                  url
                      + " uses "
                      + host
                      + ", which looks like a container-internal name: only containers on the deployment"
                      + " network resolve it")
              .withHint(fix));
    }
    if ("http".equalsIgnoreCase(uri.getScheme()) && !loopback(bare)) {
      out.add(
          Diagnostic.warning(null, path, url + " is plain http to " + host + reader.risk)
              .withHint("put a TLS proxy in front and set an https backend.origins.cloud"));
    }
    return out;
  }

  private static boolean loopback(String host) {
    return host.equals("localhost")
        || host.endsWith(".localhost")
        || host.startsWith("127.")
        || host.equals("::1");
  }
}
