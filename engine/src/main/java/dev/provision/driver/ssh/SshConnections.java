package dev.provision.driver.ssh;

import dev.provision.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The SSH connections of this process, shared by every driver that goes to the same place (user,
 * host and port of the target and of each jump host): several deployments on one server in one run
 * use one authenticated connection. A new connection is checked once (the server's docker, {@link
 * RemoteDockerCheck}) and learns once how many sessions the server allows on it ({@link
 * SessionBudget}, up to sshd's default MaxSessions of 10); each driver then gets at most {@link
 * SshSettings#maxSessions()} of them, so together they stay within the server's limit. A second
 * connection is opened only when the first has no session left.
 */
final class SshConnections {
  /** sshd's default MaxSessions: the most sessions probed on one connection. */
  static final int SESSIONS_PROBED = 10;

  /** Where a connection goes: one hop of the route, with how its host key is checked. */
  record Endpoint(
      String user, String host, int port, Target.KnownHosts knownHosts, String knownHostsFile) {
    static Endpoint of(Target.Ssh hop) {
      return new Endpoint(
          hop.user(), hop.host(), hop.port(), hop.knownHosts(), hop.knownHostsFile());
    }
  }

  /**
   * What must be equal for two drivers to share a connection: every hop (jump hosts first) and the
   * keys offered, so a connection is never shared with a spec that names another identity or
   * another known hosts file.
   */
  record Key(List<Endpoint> hops, List<String> identityFiles, boolean identitiesOnly) {}

  /** One connection and the drivers' links that hear when its transport ends. */
  static final class Shared {
    final SshConnector.Connected connected;
    final List<SshLink> links = new CopyOnWriteArrayList<>();

    Shared(SshConnector.Connected connected) {
      this.connected = connected;
      connected
          .ssh()
          .getTransport()
          .setDisconnectListener(
              (reason, message) -> links.forEach(l -> l.onDisconnect(reason, message)));
    }

    boolean alive() {
      return connected.ssh().isConnected() && connected.ssh().getTransport().isRunning();
    }
  }

  static final SharedConnections<Key, Shared> POOL =
      new SharedConnections<>(s -> s.connected.close());

  private SshConnections() {}

  /** The pool key of a route. */
  static Key key(SshRoute route) {
    List<Endpoint> hops = new ArrayList<>();
    route.jumps().forEach(hop -> hops.add(Endpoint.of(hop)));
    hops.add(Endpoint.of(route.target()));
    return new Key(List.copyOf(hops), route.identityFiles(), route.identitiesOnly());
  }

  /** A share of a connection along {@code route}, opened (and checked) when none can be shared. */
  static SharedConnections<Key, Shared>.Lease acquire(
      SshRoute route,
      Target.Ssh spec,
      Map<String, String> env,
      PassphrasePrompt prompt,
      String home,
      SshSettings settings) {
    return POOL.acquire(
        key(route),
        settings.maxSessions(),
        Shared::alive,
        () -> open(route, spec, env, prompt, home, settings));
  }

  private static SharedConnections.Opened<Shared> open(
      SshRoute route,
      Target.Ssh spec,
      Map<String, String> env,
      PassphrasePrompt prompt,
      String home,
      SshSettings settings) {
    Shared shared = new Shared(SshConnector.connect(route, spec, env, prompt, home, settings));
    Target.Ssh target = route.target();
    String who = route.describe();
    SshLink probe = new SshLink(target, who, shared.connected.ssh(), settings);
    shared.links.add(probe);
    try {
      RemoteDockerCheck.run(shared.connected.ssh(), who, target.user());
      int sessions =
          SessionBudget.learn(
              shared.connected.ssh(), Math.max(SESSIONS_PROBED, settings.maxSessions()), who);
      shared.links.remove(probe);
      return new SharedConnections.Opened<>(shared, sessions);
    } catch (RuntimeException e) {
      RuntimeException explained = probe.explain(e);
      shared.connected.close();
      throw explained;
    }
  }
}
