package dev.provision.driver.ssh;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Target;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.transport.TransportException;

/**
 * Says which layer failed when a call through the SSH target fails: the SSH connection itself
 * ("lost the SSH connection to HOST:PORT (user USER)", noticed by the keepalive or a closed
 * socket), the server's session limit, or the remote Docker engine (named as "the Docker engine on
 * ssh user@host:port", never by the tunnel's internal loopback port).
 */
final class SshLink {
  private final Target.Ssh target;
  private final String who;
  private final SSHClient ssh;
  private final SshSettings settings;
  private volatile String lostBecause;
  private volatile String tunnelEndpoint;
  private volatile boolean sessionRefused;
  private volatile Duration roundTrip = Duration.ZERO;

  SshLink(Target.Ssh target, String who, SSHClient ssh, SshSettings settings) {
    this.settings = settings;
    this.target = target;
    this.who = who;
    this.ssh = ssh;
  }

  /** Remembers why sshj ended the transport (keepalive unanswered, socket closed). */
  void onDisconnect(DisconnectReason reason, String message) {
    if (lostBecause == null) {
      lostBecause = message == null || message.isBlank() ? String.valueOf(reason) : message;
    }
  }

  /** The internal endpoint text (e.g. {@code tcp://127.0.0.1:40123}) to hide from messages. */
  void tunnel(String endpoint) {
    this.tunnelEndpoint = endpoint;
  }

  /** The server refused a session for the tunnel (its MaxSessions was reached). */
  void sessionRefused() {
    this.sessionRefused = true;
  }

  boolean alive() {
    return ssh.isConnected() && ssh.getTransport().isRunning();
  }

  /** The round trip measured on connect (a keepalive request and its answer). */
  Duration roundTrip() {
    return roundTrip;
  }

  /** Measures the round trip once (on connect); a link that does not answer is lost. */
  void measure() {
    long start = System.nanoTime();
    if (!answers(settings.channelOpenTimeout())) {
      throw lost(null);
    }
    roundTrip = Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * Empty when the server answers a keepalive within 5 s plus four round trips; otherwise the
   * connection is closed (every channel on it fails at once) and the "lost" failure is returned.
   */
  Optional<ProvisionException> check() {
    if (alive() && answers(Duration.ofSeconds(5).plus(roundTrip.multipliedBy(4)))) {
      return Optional.empty();
    }
    return Optional.of(lost(null));
  }

  private boolean answers(Duration within) {
    if (!alive()) {
      return false;
    }
    try {
      ssh.getConnection()
          .sendGlobalRequest("keepalive@openssh.com", true, new byte[0])
          .retrieve(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ConnectionException e) {
      if (e.getCause() instanceof TimeoutException) {
        kill("no answer to an SSH keepalive within " + within.toSeconds() + " s");
        return false;
      }
      // OpenSSH answers an unknown global request with a failure: an answer all the same
    } catch (TransportException | RuntimeException e) {
      return false;
    }
    return alive();
  }

  /** Ends a connection that stopped answering, so every call on it fails now, not later. */
  private void kill(String why) {
    onDisconnect(DisconnectReason.CONNECTION_LOST, why);
    SshConnector.closeQuietly(ssh);
  }

  /** The failure as the user should see it. */
  RuntimeException explain(RuntimeException e) {
    if (check().isPresent()) {
      return lost(e);
    }
    if (sessionRefused) {
      sessionRefused = false;
      return SessionBudget.noSession(who);
    }
    if (e instanceof ProvisionException p && tunnelEndpoint != null) {
      return rename(p);
    }
    return e;
  }

  ProvisionException lost(Throwable cause) {
    String why = lostBecause == null ? "the connection closed" : lostBecause;
    Diagnostic d =
        Diagnostic.error(
                null,
                null,
                "lost the SSH connection to "
                    + target.host()
                    + ":"
                    + target.port()
                    + " (user "
                    + target.user()
                    + ")")
            .withFound(why)
            .withHint(
                "check the network path to "
                    + target.host()
                    + " (a silent link is declared lost after about "
                    + settings.lostAfter().toSeconds()
                    + " s without an answer to SSH keepalives); then run the command again: the"
                    + " next apply continues from what is on the server");
    return cause == null ? new ProvisionException(d) : new ProvisionException(d, cause);
  }

  private ProvisionException rename(ProvisionException p) {
    String from = "Docker " + tunnelEndpoint;
    String to = "the Docker engine on " + who;
    List<Diagnostic> out =
        p.diagnostics().stream()
            .map(
                d ->
                    new Diagnostic(
                        d.severity(),
                        d.position(),
                        d.path(),
                        replace(d.message(), from, to),
                        replace(d.expected(), from, to),
                        replace(d.found(), from, to),
                        d.hint() != null && d.hint().contains("DOCKER_TLS_VERIFY")
                            ? "check that the user may run `docker system dial-stdio` on the"
                                + " server (try `docker version` there)"
                            : replace(d.hint(), from, to)))
            .toList();
    return out.equals(p.diagnostics()) ? p : new ProvisionException(out);
  }

  private String replace(String text, String from, String to) {
    if (text == null) {
      return null;
    }
    return text.replace(from, to)
        .replace(tunnelEndpoint, who)
        .replace(
            "check that the Docker engine is running (docker info) and reachable",
            "check that the Docker engine on the server is running (`docker info` there)");
  }
}
