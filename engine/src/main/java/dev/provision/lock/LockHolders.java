package dev.provision.lock;

import dev.provision.driver.LockHolder;
import dev.provision.driver.LockRecord;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Who this process is, for a lock, and whether another holder is known to be gone. */
public final class LockHolders {
  private LockHolders() {}

  public static LockHolder me(String command, Instant now) {
    return new LockHolder(
        UUID.randomUUID().toString().substring(0, 13),
        System.getProperty("user.name", "?"),
        hostName(),
        ProcessHandle.current().pid(),
        command,
        now);
  }

  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String env = System.getenv("HOSTNAME");
      return env == null ? "unknown-host" : env;
    }
  }

  /**
   * Why {@code lock} may be taken over, or empty when its holder may still be working: it expired
   * (the holder stopped renewing it), or its holder ran on this machine and its process is gone.
   */
  public static Optional<String> stale(LockRecord lock, Instant now) {
    if (lock.expiredAt(now)) {
      return Optional.of("it expired at " + lock.expires());
    }
    if (lock.holder().host().equals(hostName())
        && lock.holder().pid() != ProcessHandle.current().pid()
        && !ProcessHandle.of(lock.holder().pid()).map(ProcessHandle::isAlive).orElse(false)) {
      return Optional.of("its process " + lock.holder().pid() + " on this machine is gone");
    }
    return Optional.empty();
  }

  /** {@code started 2024-..., at step X} or {@code started 2024-..., before its first step}. */
  public static String progress(LockRecord lock) {
    return "started "
        + lock.holder().started()
        + lock.step().map(s -> ", at step " + s).orElse(", before its first step");
  }
}
