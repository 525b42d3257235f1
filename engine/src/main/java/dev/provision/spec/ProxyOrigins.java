package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.model.Backend;
import dev.provision.model.Dashboard;
import dev.provision.model.Proxy;

/**
 * With a proxy, the public URLs derive from its names: {@code CONVEX_CLOUD_ORIGIN} is {@code
 * https://<api>}, {@code CONVEX_SITE_ORIGIN} is {@code https://<site>} (or {@code <api>/http}) and
 * the dashboard's deployment URL is the cloud origin. An origin written in the spec that disagrees
 * is an error (two sources of one truth), and so is a backend published beyond 127.0.0.1 (the proxy
 * is the public entry) or a proxy port that another container publishes too.
 */
final class ProxyOrigins {
  private ProxyOrigins() {}

  /** The backend with the origins the proxy gives it; reports disagreeing ones. */
  static Backend apply(Fields root, Backend backend, Proxy proxy) {
    if (!proxy.enabled()) {
      return backend;
    }
    Fields b = root.child("backend");
    Fields origins = b.child("origins");
    agree(origins, "cloud", backend.cloudOrigin(), proxy.cloudOrigin(), "proxy.names.api");
    agree(
        origins,
        "site",
        backend.siteOrigin(),
        proxy.siteOrigin(),
        proxy.siteName() == null ? "proxy.names.api (+ /http)" : "proxy.names.site");
    if (b.has("bind") && !"127.0.0.1".equals(backend.bind()) && !"::1".equals(backend.bind())) {
      b.add(
          b.error("bind", "the backend is published beyond 127.0.0.1 behind a proxy")
              .withExpected("127.0.0.1 (the proxy reaches the backend over the deployment network)")
              .withFound(b.shown("bind"))
              .withHint("remove `backend.bind`; clients use the proxy's names"));
    }
    Fields ports = root.child("proxy").child("ports");
    for (String key : new String[] {"http", "https"}) {
      int port = key.equals("http") ? proxy.httpPort() : proxy.httpsPort();
      if (port == backend.apiPort() || port == backend.sitePort()) {
        ports.add(
            ports
                .error(key, "`proxy.ports." + key + "` is also a port of the backend")
                .withExpected("a host port no other container of the deployment publishes"));
      }
    }
    return new Backend(
        backend.image(),
        backend.bind(),
        backend.apiPort(),
        backend.sitePort(),
        proxy.cloudOrigin(),
        proxy.siteOrigin(),
        backend.volume(),
        backend.knobs(),
        backend.beacon(),
        backend.redactLogsToClient(),
        backend.metrics(),
        backend.s3());
  }

  /** Reports a dashboard URL or name that does not fit the proxy. */
  static void checkDashboard(Fields root, Dashboard dashboard, Proxy proxy) {
    if (!proxy.enabled()) {
      return;
    }
    Fields d = root.child("dashboard");
    if (dashboard.enabled()
        && d.has("deploymentUrl")
        && !proxy.cloudOrigin().equals(dashboard.deploymentUrl())) {
      d.add(
          d.error("deploymentUrl", "`dashboard.deploymentUrl` disagrees with the proxy")
              .withExpected(proxy.cloudOrigin() + " (from `proxy.names.api`)")
              .withFound(d.shown("deploymentUrl"))
              .withHint("remove `dashboard.deploymentUrl`: the proxy's API name gives it"));
    }
    Fields names = root.child("proxy").child("names");
    if (!dashboard.enabled() && names.has("dashboard")) {
      names.add(
          names
              .error("dashboard", "`proxy.names.dashboard` is set but the dashboard is disabled")
              .withHint("remove it, or enable the dashboard"));
    }
    if (dashboard.enabled() && dashboard.port() == proxy.httpPort()
        || dashboard.enabled() && dashboard.port() == proxy.httpsPort()) {
      d.add(
          d.error("port", "`dashboard.port` is also a port of the proxy")
              .withExpected("a host port no other container of the deployment publishes"));
    }
  }

  private static void agree(
      Fields origins, String key, String written, String derived, String from) {
    if (origins.has(key) && written != null && !written.equals(derived)) {
      origins.add(
          Diagnostic.error(
                  origins.at(key),
                  origins.path(key),
                  "`backend.origins." + key + "` disagrees with the proxy")
              .withExpected(derived + " (from `" + from + "`)")
              .withFound(origins.shown(key))
              .withHint("remove `backend.origins." + key + "`: the proxy's names give it"));
    }
  }
}
