package dev.provision.convex;

import dev.provision.model.Proxy;
import dev.provision.model.ProxyTls;
import java.net.URI;
import java.util.Locale;

/**
 * Writes the proxy's Caddyfile from the spec: a pure function, so the same spec gives the same text
 * (it is part of the container's configuration, and so of its config hash: a new name is a planned
 * change). One site block per name, each forwarding to the backend or the dashboard by its network
 * alias. Caddy's {@code reverse_proxy} passes websocket upgrades (the sync protocol) and sets no
 * read or write timeout, so long requests pass; {@code flush_interval -1} streams responses as they
 * come.
 */
public final class Caddyfile {
  private Caddyfile() {}

  /** The Caddyfile for {@code proxy}; {@code dashboard} says whether a dashboard container runs. */
  public static String of(Proxy proxy, boolean dashboard) {
    StringBuilder out = global(proxy);
    ProxyTls tls = proxy.tls();
    site(out, proxy.apiName(), tls, BackendContainer.API_PORT);
    if (proxy.siteName() != null) {
      site(out, proxy.siteName(), tls, BackendContainer.SITE_PORT);
    }
    if (proxy.dashboardName() != null && dashboard) {
      site(out, proxy.dashboardName(), tls, -DashboardContainer.PORT);
    }
    return out.toString();
  }

  /** {@link #account(Proxy, String)} with the API's name. */
  public static String account(Proxy proxy) {
    return account(proxy, proxy.apiName());
  }

  /**
   * The Caddyfile the proxy runs first, alone, while its volume holds no ACME account for the CA
   * and email and {@code name} (one of the proxy's names) has no certificate: the same global
   * options and that name only, so exactly one account is registered. Caddy before 2.9 registers
   * one account per name when several names need certificates at once with no account stored, and
   * writes each account's key and record as two files, so the stored pair can end up from two
   * different accounts: every later start then signs with a key the CA does not know for that
   * account ("JWS verification error") and no new certificate is issued.
   */
  public static String account(Proxy proxy, String name) {
    StringBuilder out = global(proxy);
    int port = BackendContainer.API_PORT;
    if (name.equals(proxy.siteName())) {
      port = BackendContainer.SITE_PORT;
    } else if (name.equals(proxy.dashboardName())) {
      port = -DashboardContainer.PORT;
    }
    site(out, name, proxy.tls(), port);
    return out.toString();
  }

  /**
   * Where Caddy keeps the ACME account for the spec's CA and email, relative to its data directory
   * ({@code caddy/acme/<CA host and path>/users/<email>}, each part made safe for a file name the
   * way Caddy's storage does): the proxy registers the account alone while no key is in it.
   */
  public static String accountDirectory(ProxyTls tls) {
    String email = tls.email() == null || tls.email().isBlank() ? "default" : tls.email();
    return "caddy/acme/" + issuerKey(tls) + "/users/" + safe(email);
  }

  /** {@link #certificate(Proxy, String)} of the API's name. */
  public static String apiCertificate(Proxy proxy) {
    return certificate(proxy, proxy.apiName());
  }

  /**
   * Where Caddy keeps {@code name}'s certificate from the spec's CA, relative to its data directory
   * ({@code caddy/certificates/<CA host and path>/<name>/<name>.crt}): the proxy registers its
   * account alone with a name that has none (a name that has one would ask the CA nothing).
   */
  public static String certificate(Proxy proxy, String name) {
    String safe = safe(name);
    return "caddy/certificates/" + issuerKey(proxy.tls()) + "/" + safe + "/" + safe + ".crt";
  }

  /** The CA's part of Caddy's storage keys: its host (and port), then its path, made safe. */
  private static String issuerKey(ProxyTls tls) {
    String issuer = tls.acmeDirectory();
    URI ca = URI.create(tls.acmeDirectory());
    if (ca.getHost() != null) {
      issuer = ca.getPort() < 0 ? ca.getHost() : ca.getHost() + ":" + ca.getPort();
      // the decoded path, both slashes made hyphens (%5C is a backslash once decoded)
      String path =
          ca.getPath() == null
              ? ""
              : stripHyphens(ca.getPath().replace('/', '-').replace('\\', '-'));
      if (!path.isEmpty()) {
        issuer += "-" + path;
      }
    }
    return safe(issuer);
  }

  /** Caddy's storage-safe form of a key part: lower case, a few characters spelled out. */
  static String safe(String s) {
    String out =
        s.toLowerCase(Locale.ROOT)
            .strip()
            .replace(" ", "_")
            .replace("+", "_plus_")
            .replace("*", "wildcard_")
            .replace(":", "-")
            .replace("..", "");
    return out.replaceAll("[^\\w@.-]", "");
  }

  private static String stripHyphens(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '-') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '-') {
      end--;
    }
    return s.substring(start, end);
  }

  private static StringBuilder global(Proxy proxy) {
    ProxyTls tls = proxy.tls();
    StringBuilder out = new StringBuilder();
    out.append("{\n");
    out.append("\tadmin off\n");
    if (proxy.httpPort() != ProxyContainer.HTTP_PORT) {
      out.append("\thttp_port ").append(proxy.httpPort()).append('\n');
    }
    if (proxy.httpsPort() != ProxyContainer.HTTPS_PORT) {
      out.append("\thttps_port ").append(proxy.httpsPort()).append('\n');
    }
    if (tls.mode() == ProxyTls.Mode.ACME) {
      if (tls.email() != null) {
        out.append("\temail ").append(tls.email()).append('\n');
      }
      out.append("\tacme_ca ").append(tls.acmeDirectory()).append('\n');
      if (tls.acmeCaRoot() != null) {
        out.append("\tacme_ca_root ").append(ProxyContainer.ACME_CA_ROOT_PATH).append('\n');
      }
    }
    if (tls.mode() == ProxyTls.Mode.INTERNAL) {
      out.append("\tlocal_certs\n");
    }
    out.append("}\n");
    return out;
  }

  /** A site block; a negative port means the dashboard's alias. */
  private static void site(StringBuilder out, String name, ProxyTls tls, int port) {
    String upstream = port < 0 ? "dashboard:" + -port : "backend:" + port;
    out.append('\n').append(name).append(" {\n");
    if (tls.mode() == ProxyTls.Mode.FILES) {
      out.append("\ttls ")
          .append(ProxyContainer.CERTIFICATE_PATH)
          .append(' ')
          .append(ProxyContainer.KEY_PATH)
          .append('\n');
    }
    out.append("\treverse_proxy ").append(upstream).append(" {\n");
    out.append("\t\tflush_interval -1\n");
    out.append("\t}\n");
    out.append("}\n");
  }
}
