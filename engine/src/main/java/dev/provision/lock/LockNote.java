package dev.provision.lock;

import dev.provision.driver.LockRecord;

/**
 * What plan and status found in the deployment's lock: an apply running now, or one that was
 * interrupted (its lock is stale, or was just taken over by this apply).
 *
 * @param lock the lock as read
 * @param message one line for display
 */
public record LockNote(Kind kind, LockRecord lock, String message) {

  /** What the lock says. */
  public enum Kind {
    /** An apply holds the lock now: a plan may be out of date when it finishes. */
    RUNNING,
    /** The lock's holder stopped without finishing: its apply was interrupted. */
    INTERRUPTED,
    /**
     * A restore's holder stopped while it replaced the data: the data may be half-written, and
     * apply refuses to start the backend on it until a restore completes.
     */
    INTERRUPTED_RESTORE
  }
}
