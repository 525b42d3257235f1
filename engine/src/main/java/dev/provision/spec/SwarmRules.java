package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.model.Backend;
import dev.provision.model.Dashboard;
import dev.provision.model.Database;
import dev.provision.model.Proxy;
import dev.provision.model.Target;

/**
 * What a {@code target.swarm} changes in the rest of the spec. A Swarm publishes a service's port
 * on every interface of the node (host mode carries no address), so {@code backend.bind} can only
 * be the wildcard ({@code proxy.bind} too), and the plan says the exposure and the node that keeps
 * the data (the proxy runs there too: its certificates' volume is there). What this version cannot
 * run on a Swarm (the Postgres {@code caFile}, which provision itself also reads) is refused at its
 * position. The proxy's files ({@code proxy.tls} certificate, key, ACME root, backend trust) are
 * copied to the swarm as secrets by the driver. Nothing here applies to the other targets.
 */
final class SwarmRules {
  /** The address a host-mode published port listens on: every interface of its node. */
  static final String ALL_INTERFACES = "0.0.0.0";

  private static final String OTHER_TARGETS = "or run it on `target.docker` or `target.ssh`";

  private SwarmRules() {}

  /** The backend as the Swarm publishes it: on all interfaces; a narrower bind is refused. */
  static Backend bind(Fields root, Target target, Backend backend) {
    if (!(target instanceof Target.Swarm)) {
      return backend;
    }
    Fields b = root.child("backend");
    if (b.has("bind") && !Urls.isWildcard(backend.bind())) {
      b.add(
          b.error("bind", "`backend.bind` cannot be honoured on a Swarm target")
              .withExpected("no `backend.bind` (or 0.0.0.0)")
              .withFound(b.shown("bind"))
              .withHint(
                  "a Swarm publishes ports in host mode on all interfaces of the node; remove"
                      + " `backend.bind`, let only trusted addresses reach the node's ports, "
                      + OTHER_TARGETS));
    }
    return backend.withBind(ALL_INTERFACES);
  }

  /** The proxy as the Swarm publishes it: on all interfaces; a narrower bind is refused. */
  static Proxy proxy(Fields root, Target target, Proxy proxy) {
    if (!(target instanceof Target.Swarm) || !proxy.enabled()) {
      return proxy;
    }
    Fields p = root.child("proxy");
    if (p.has("bind") && !Urls.isWildcard(proxy.bind())) {
      p.add(
          p.error("bind", "`proxy.bind` cannot be honoured on a Swarm target")
              .withExpected("no `proxy.bind` (or 0.0.0.0)")
              .withFound(p.shown("bind"))
              .withHint(
                  "a Swarm publishes ports in host mode on all interfaces of the node; remove"
                      + " `proxy.bind`, "
                      + OTHER_TARGETS));
    }
    return proxy.withBind(ALL_INTERFACES);
  }

  /** Refuses what a Swarm target cannot run, then warns of the exposure and the data's node. */
  static void check(
      Fields root,
      Target target,
      Backend backend,
      Dashboard dashboard,
      Database database,
      Proxy proxy) {
    if (!(target instanceof Target.Swarm swarm)) {
      return;
    }
    if (database instanceof Database.ExternalPostgres pg && pg.caFile() != null) {
      Fields external = root.child("database").child("postgres").child("external");
      external.add(
          external
              .error("caFile", "`" + external.path("caFile") + "` cannot be mounted on a Swarm")
              .withExpected("no `caFile` with `target.swarm`")
              .withHint(
                  "a Swarm service sees the files of its node, not of this machine; use `ssl:"
                      + " require` without a CA file, "
                      + OTHER_TARGETS));
    }
    Fields t = root.child("target");
    String node =
        swarm.node() == null || HostRules.swarmNode(swarm.node()) != null
            ? "the manager node"
            : "node `" + swarm.node() + "`";
    root.add(
        Diagnostic.warning(
                t.keyAt("swarm"), t.path("swarm"), exposure(backend, dashboard, proxy, node))
            .withHint(
                proxy.enabled()
                    ? "let only trusted addresses reach the backend's and dashboard's ports (the"
                        + " node's firewall): clients use the proxy's names"
                    : "let only trusted addresses reach these ports (the node's firewall) or put a"
                        + " TLS proxy in front, and set `backend.origins` to the address clients"
                        + " use"));
    root.add(
        Diagnostic.warning(t.keyAt("swarm"), t.path("swarm"), data(backend, database, proxy, node))
            .withHint(
                "keep backups (`provision backup SPEC`): a Swarm volume is local to its node"));
  }

  private static String exposure(Backend backend, Dashboard dashboard, Proxy proxy, String node) {
    return "on Swarm, "
        + (proxy.enabled()
            ? "the proxy's ports "
                + proxy.httpPort()
                + " (http) and "
                + proxy.httpsPort()
                + " (https), and "
            : "")
        + "the backend's API port "
        + backend.apiPort()
        + " and site port "
        + backend.sitePort()
        + " are published in host mode on "
        + node
        + " on all its interfaces"
        + (Urls.isHttp(backend.cloudOrigin()) ? ", over plain http" : "")
        + (dashboard.enabled()
            ? "; the dashboard's port "
                + dashboard.port()
                + " likewise on the node that runs it (`provision status` names it)"
            : "");
  }

  private static String data(Backend backend, Database database, Proxy proxy, String node) {
    java.util.List<String> what = new java.util.ArrayList<>();
    what.add("the backend (volume `" + backend.volume() + "`)");
    if (database instanceof Database.ManagedPostgres pg) {
      what.add("Postgres (volume `" + pg.volume() + "`)");
    }
    if (proxy.enabled()) {
      what.add("the proxy (volume `" + proxy.volume() + "`)");
    }
    String last = what.remove(what.size() - 1);
    String all = what.isEmpty() ? last : String.join(", ", what) + " and " + last;
    return "the data stays on "
        + node
        + ": "
        + all
        + (what.isEmpty() ? " runs only there and stays" : " run only there and stay")
        + " down while that node is down, rather than start elsewhere on an empty volume";
  }
}
