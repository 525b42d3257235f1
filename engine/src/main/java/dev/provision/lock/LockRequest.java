package dev.provision.lock;

import java.time.Duration;

/**
 * How an apply or destroy takes the deployment's lock.
 *
 * @param command the command line with every value removed (words and flags only), recorded in the
 *     lock so that whoever waits for it can see who holds it
 * @param timeout how long to wait for a lock someone else holds; zero fails at once
 */
public record LockRequest(String command, Duration timeout) {
  /** Fails at once when the lock is held; the command is recorded as {@code provision}. */
  public static LockRequest immediate() {
    return new LockRequest("provision", Duration.ZERO);
  }
}
