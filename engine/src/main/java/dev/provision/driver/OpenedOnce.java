package dev.provision.driver;

import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the deployments of one run share on one target (a Docker connection, an SSH tunnel): opened
 * by the first deployment that asks, or the failure every one of them then reports without trying
 * again; opened anew when it is no longer {@code usable}; never opened once the run has ended.
 *
 * @param <T> what is opened
 */
public final class OpenedOnce<T> {
  private final Predicate<T> usable;
  private final Consumer<T> closer;
  private T opened;
  private RuntimeException failure;
  private boolean ended;

  /**
   * @param usable whether what was opened can still serve (else it is closed and opened again)
   * @param closer closes what was opened
   */
  public OpenedOnce(Predicate<T> usable, Consumer<T> closer) {
    this.usable = usable;
    this.closer = closer;
  }

  /** What was opened, opening it with {@code open} the first time; throws the kept failure. */
  public synchronized T get(Supplier<T> open) {
    if (ended) {
      throw new IllegalStateException("the run's shared connections are closed");
    }
    if (opened != null && !usable.test(opened)) {
      T gone = opened;
      opened = null;
      try {
        closer.accept(gone);
      } catch (RuntimeException e) {
        // closing what is already down: nothing more to release
      }
    }
    if (opened == null && failure == null) {
      try {
        opened = open.get();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return opened;
  }

  /**
   * Ends it: closes what was opened (waiting for an opening under way) and opens nothing after (a
   * preparation that comes late).
   */
  public void end() {
    T last;
    synchronized (this) {
      ended = true;
      last = opened;
      opened = null;
    }
    if (last != null) {
      closer.accept(last);
    }
  }
}
