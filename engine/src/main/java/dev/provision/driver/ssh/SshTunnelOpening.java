package dev.provision.driver.ssh;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Target;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.schmizz.sshj.SSHClient;

/**
 * Opens an {@link SshHostDriver}: the SSH login (shared per server), the {@code docker system
 * dial-stdio} tunnel, and the driver that works through it; on any failure closes what it opened
 * and explains the error in terms of the SSH link.
 */
final class SshTunnelOpening {
  private SshTunnelOpening() {}

  /**
   * A server's SSH login, engine tunnel and the driver on it, as opened: one deployment's, or
   * shared by the deployments of one run on that server ({@link SharedSshTunnels}).
   */
  static final class Opened {
    private final SharedConnections<SshConnections.Key, SshConnections.Shared>.Lease lease;
    private final SshLink link;
    private final DialStdioTunnel tunnel;
    private final TunnelledDriver inner;
    private final String who;

    private Opened(
        SharedConnections<SshConnections.Key, SshConnections.Shared>.Lease lease,
        SshLink link,
        DialStdioTunnel tunnel,
        TunnelledDriver inner,
        String who) {
      this.lease = lease;
      this.link = link;
      this.tunnel = tunnel;
      this.inner = inner;
      this.who = who;
    }

    /**
     * A driver over this tunnel with its own port forwards and the notes of the deployment's own
     * route (the OpenSSH config options it ignores).
     *
     * @param owned whether closing the driver closes the tunnel and the rest ({@link #close})
     */
    SshHostDriver driver(boolean owned, List<Diagnostic> routeNotes) {
      return new SshHostDriver(
          lease,
          tunnel,
          new PortForwards(lease.connection().connected.ssh(), who, link),
          inner,
          link,
          routeNotes,
          owned);
    }

    /** Whether the SSH connection under the tunnel is still up. */
    boolean alive() {
      return link.alive() && lease.connection().alive();
    }

    /** Closes the engine driver, the tunnel and this share of the SSH connection. */
    void close() {
      try {
        inner.driver().close();
      } finally {
        closeAll(tunnel, lease, link);
      }
    }
  }

  static SshHostDriver open(
      Target.Ssh spec,
      Map<String, String> env,
      SshSettings settings,
      PassphrasePrompt prompt,
      TunnelledDriver.Opener opener) {
    SshRoute route = route(spec);
    return open(route, spec, env, settings, prompt, opener).driver(true, route.notes());
  }

  /** The way to {@code spec}'s server: the spec with the user's OpenSSH config applied. */
  static SshRoute route(Target.Ssh spec) {
    return SshRoute.resolve(spec, SshConfigFile.read(spec, System.getProperty("user.home")));
  }

  /** Logs in along {@code route} (or shares a login), opens the tunnel and the driver on it. */
  static Opened open(
      SshRoute route,
      Target.Ssh spec,
      Map<String, String> env,
      SshSettings settings,
      PassphrasePrompt prompt,
      TunnelledDriver.Opener opener) {
    String home = System.getProperty("user.home");
    SharedConnections<SshConnections.Key, SshConnections.Shared>.Lease lease =
        SshConnections.acquire(route, spec, env, prompt, home, settings);
    SshConnections.Shared shared = lease.connection();
    Target.Ssh target = route.target();
    String who = route.describe();
    SSHClient ssh = shared.connected.ssh();
    SshLink link = new SshLink(target, who, ssh, settings);
    shared.links.add(link);
    DialStdioTunnel tunnel = null;
    try {
      link.measure();
      tunnel = DialStdioTunnel.open(ssh, link);
      link.tunnel("tcp://127.0.0.1:" + tunnel.port());
      Map<String, String> dockerEnv = new HashMap<>(env);
      dockerEnv.remove("DOCKER_HOST");
      dockerEnv.remove("DOCKER_TLS_VERIFY");
      dockerEnv.remove("DOCKER_CERT_PATH");
      TunnelledDriver inner =
          opener.open(
              new Target.Docker("tcp://127.0.0.1:" + tunnel.port(), null, false),
              dockerEnv,
              lease.sessions(),
              who);
      return new Opened(lease, link, tunnel, inner, who);
    } catch (IOException e) {
      closeAll(tunnel, lease, link);
      throw ProvisionException.of(
          "cannot open a local port for the Docker tunnel to " + who + ": " + e.getMessage(),
          "check that this machine may listen on a loopback port");
    } catch (RuntimeException e) {
      RuntimeException explained = link.explain(e);
      closeAll(tunnel, lease, link);
      throw explained;
    }
  }

  static void closeAll(
      DialStdioTunnel tunnel,
      SharedConnections<SshConnections.Key, SshConnections.Shared>.Lease lease,
      SshLink link) {
    if (tunnel != null) {
      tunnel.close();
    }
    lease.connection().links.remove(link);
    lease.close();
  }
}
