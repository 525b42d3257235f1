package dev.provision.convex;

import dev.provision.model.Proxy;
import dev.provision.model.ProxyTls;

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
    site(out, proxy.apiName(), tls, BackendContainer.API_PORT);
    if (proxy.siteName() != null) {
      site(out, proxy.siteName(), tls, BackendContainer.SITE_PORT);
    }
    if (proxy.dashboardName() != null && dashboard) {
      site(out, proxy.dashboardName(), tls, -DashboardContainer.PORT);
    }
    return out.toString();
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
