package dev.provision.lock;

import dev.provision.diag.ProvisionException;
import java.util.function.Supplier;

/**
 * When a command that holds several deployments' locks at once may take one more: only once the
 * locks before it, in an order every such command shares, are taken (or could not be). Two commands
 * taking overlapping sets of locks in one order never each hold a lock the other waits for, so they
 * never deadlock: one waits for the other (up to {@code --lock-timeout}). A command holding one
 * lock at a time needs no turn ({@link #ANY}).
 */
public interface LockTurn {
  /** No order: the lock is taken at once. */
  LockTurn ANY =
      new LockTurn() {
        @Override
        public void await() {}

        @Override
        public void done() {}
      };

  /** Returns once the locks before this one are taken or failed. */
  void await() throws InterruptedException;

  /** This lock is taken, or will not be: the next may go. Safe to call twice. */
  void done();

  /** Takes a lock with {@code take} in this turn, and passes the turn on whatever happens. */
  default <T> T taking(Supplier<T> take) {
    try {
      await();
      return take.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProvisionException.of(
          "stopped waiting for the locks taken before this deployment's: interrupted",
          "nothing was changed; run the command again");
    } finally {
      done();
    }
  }
}
