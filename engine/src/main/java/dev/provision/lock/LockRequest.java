package dev.provision.lock;

import dev.provision.exec.StopRequest;
import java.time.Duration;

/**
 * How an apply, destroy, backup or restore takes the deployment's lock.
 *
 * @param command the command line with every value removed (words and flags only), recorded in the
 *     lock so that whoever waits for it can see who holds it
 * @param timeout how long to wait for a lock someone else holds; zero fails at once
 * @param interruptedRestore what to do with a stale lock left by a restore killed while it replaced
 *     the data (see {@link DataPhase.ReplacingData})
 * @param turn when this lock may be taken, for a command that takes several ({@link LockTurn#ANY}
 *     for one)
 * @param stop ends the wait for the lock at once when asked (Ctrl-C while a several-spec command,
 *     whose signal handlers stop rather than end the process, waits): nothing is taken then
 */
public record LockRequest(
    String command,
    Duration timeout,
    InterruptedRestore interruptedRestore,
    LockTurn turn,
    StopRequest stop) {

  /** What a command does when it finds that a restore was interrupted half-way. */
  public enum InterruptedRestore {
    /**
     * Refuse, leaving the stale lock (and so the knowledge) on the target: nothing may start the
     * backend on half-written data.
     */
    REFUSE,
    /** Take the lock over: a restore that puts data back, or an operator who accepts the data. */
    TAKE_OVER
  }

  public LockRequest {
    java.util.Objects.requireNonNull(turn, "turn");
    java.util.Objects.requireNonNull(stop, "stop");
  }

  /** Taken in {@code turn}; the wait ends only at the timeout. */
  public LockRequest(
      String command, Duration timeout, InterruptedRestore interruptedRestore, LockTurn turn) {
    this(command, timeout, interruptedRestore, turn, StopRequest.never());
  }

  /** Taken at once, in no order with other locks. */
  public LockRequest(String command, Duration timeout, InterruptedRestore interruptedRestore) {
    this(command, timeout, interruptedRestore, LockTurn.ANY);
  }

  /** Refuses to take over an interrupted restore's lock. */
  public LockRequest(String command, Duration timeout) {
    this(command, timeout, InterruptedRestore.REFUSE);
  }

  /** Fails at once when the lock is held; the command is recorded as {@code provision}. */
  public static LockRequest immediate() {
    return new LockRequest("provision", Duration.ZERO);
  }

  /** This request, taking over the lock of an interrupted restore (with a warning). */
  public LockRequest takingOverInterruptedRestore() {
    return new LockRequest(command, timeout, InterruptedRestore.TAKE_OVER, turn, stop);
  }

  /** This request, taking the lock in {@code turn}. */
  public LockRequest inTurn(LockTurn turn) {
    return new LockRequest(command, timeout, interruptedRestore, turn, stop);
  }

  /** This request, its wait ended by {@code stop}. */
  public LockRequest stoppedBy(StopRequest stop) {
    return new LockRequest(command, timeout, interruptedRestore, turn, stop);
  }
}
