package dev.provision.driver.ssh;

import java.time.Duration;

/**
 * How the SSH target guards against a dead or slow link: a keepalive every {@code
 * keepaliveInterval} and the connection declared lost after {@code keepaliveCount} unanswered ones;
 * a read timeout on every Docker API call through the tunnel ({@code dockerResponseTimeout}, longer
 * than any legitimate silence of the engine); at most {@code maxSessions} SSH sessions tried at
 * once (the server's own limit, sshd's {@code MaxSessions}, is learned on connect and may be
 * lower).
 */
public record SshSettings(
    Duration keepaliveInterval,
    int keepaliveCount,
    Duration dockerResponseTimeout,
    Duration channelOpenTimeout,
    int maxSessions) {

  /** 15 s x 3 keepalives (a dead link is noticed within about a minute), 120 s per API read. */
  public static final SshSettings DEFAULT =
      new SshSettings(
          Duration.ofSeconds(15), 3, Duration.ofSeconds(120), Duration.ofSeconds(30), 4);

  /** How long a silent link may last at most before it is declared lost. */
  Duration lostAfter() {
    return keepaliveInterval.multipliedBy(keepaliveCount + 1L);
  }
}
