package dev.provision.engine;

import dev.provision.diag.Diagnostic;
import dev.provision.driver.HostDriver;
import dev.provision.driver.LockRecord;
import java.time.Instant;
import java.util.Optional;

/**
 * What plan and status say about the deployment's lock: that an apply runs right now (the plan may
 * change under it), or that one was interrupted and where (its changes show up in the plan, and
 * they are not changes made outside provision).
 */
final class LockNotes {
  private LockNotes() {}

  static Optional<Diagnostic> of(HostDriver host, String deployment, Instant now) {
    Optional<LockRecord> lock;
    try {
      lock = host.readLock(deployment);
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
    return lock.map(l -> note(l, now));
  }

  static Diagnostic note(LockRecord lock, Instant now) {
    Optional<String> stale = LockHolders.stale(lock, now);
    if (stale.isPresent()) {
      return Diagnostic.warning(
              null,
              "lock",
              "an apply was interrupted at "
                  + lock.expires().minus(DeploymentLock.TTL)
                  + " ("
                  + lock.step().orElse("before its first step")
                  + "), by "
                  + lock.holder().describe())
          .withHint(
              "what it left half-done shows below as changes; the next apply takes its lock over"
                  + " and converges");
    }
    return Diagnostic.warning(
            null,
            "lock",
            "an apply is running now: "
                + lock.holder().describe()
                + ", "
                + LockHolders.progress(lock))
        .withHint("this plan may be out of date when it finishes");
  }
}
