package dev.provision.lock;

import dev.provision.diag.Diagnostic;
import dev.provision.driver.HostDriver;
import dev.provision.driver.LockRecord;
import dev.provision.live.Interruptions;
import dev.provision.model.ApplyId;
import java.time.Instant;
import java.util.Optional;

/**
 * What plan and status say about the deployment's lock: that an apply runs right now (the plan may
 * change under it), or that one was interrupted and where (its changes show up in the plan, and
 * they are not changes made outside provision).
 */
public final class LockNotes {
  private LockNotes() {}

  public static Optional<Diagnostic> of(HostDriver host, String deployment, Instant now) {
    return read(host, deployment).map(l -> note(l, now));
  }

  /** The lock as it is on the target, empty when none or unreadable (a plan only looks). */
  public static Optional<LockRecord> read(HostDriver host, String deployment) {
    try {
      return host.readLock(deployment);
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** The typed note for {@code lock}, for status. */
  public static LockNote typed(LockRecord lock, Instant now) {
    boolean stale = LockHolders.stale(lock, now).isPresent();
    return new LockNote(
        stale ? LockNote.Kind.INTERRUPTED : LockNote.Kind.RUNNING, lock, note(lock, now).message());
  }

  /**
   * As {@link #typed(LockRecord, Instant)}, telling a restore interrupted while it replaced the
   * data of {@code deployment} (its message then also says what to do).
   */
  public static LockNote typed(String deployment, LockRecord lock, Instant now) {
    Optional<DataPhase.ReplacingData> restore = interruptedRestore(lock, now);
    if (restore.isEmpty()) {
      return typed(lock, now);
    }
    return new LockNote(
        LockNote.Kind.INTERRUPTED_RESTORE,
        lock,
        InterruptedRestores.message(deployment, lock, restore.get())
            + "; "
            + InterruptedRestores.hint(restore.get()));
  }

  /** The restore {@code lock} records when it is stale, else empty. */
  public static Optional<DataPhase.ReplacingData> interruptedRestore(LockRecord lock, Instant now) {
    return LockHolders.stale(lock, now).isPresent()
        ? DataPhase.restoreOf(lock.step())
        : Optional.empty();
  }

  /** What observation needs to know of the lock: a stale apply, or one running now. */
  public static Interruptions.LockState state(Optional<LockRecord> lock, Instant now) {
    if (lock.isEmpty()) {
      return Interruptions.LockState.none();
    }
    LockRecord l = lock.get();
    Optional<ApplyId> id = ApplyId.parse(l.holder().applyId());
    if (LockHolders.stale(l, now).isPresent()) {
      return new Interruptions.LockState(stale(l), Optional.empty());
    }
    return new Interruptions.LockState(Optional.empty(), id);
  }

  /**
   * A stale (or taken over) lock's story, empty when it names no valid apply id or is an
   * interrupted restore's (it swapped no containers: its own note says what it left).
   */
  public static Optional<Interruptions.StaleLock> stale(LockRecord l) {
    if (DataPhase.restoreOf(l.step()).isPresent()) {
      return Optional.empty();
    }
    return ApplyId.parse(l.holder().applyId())
        .map(
            id ->
                new Interruptions.StaleLock(
                    id, l.expires().minus(DeploymentLock.TTL), l.step(), l.holder().describe()));
  }

  /**
   * As {@link #note(LockRecord, Instant)}, telling an interrupted restore of {@code deployment}.
   */
  public static Diagnostic note(String deployment, LockRecord lock, Instant now) {
    return interruptedRestore(lock, now)
        .map(r -> InterruptedRestores.note(deployment, lock, r))
        .orElseGet(() -> note(lock, now));
  }

  public static Diagnostic note(LockRecord lock, Instant now) {
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
