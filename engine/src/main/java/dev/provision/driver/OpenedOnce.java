package dev.provision.driver;

import dev.provision.diag.ProvisionException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the deployments of one run share on one target (a Docker connection, an SSH tunnel): opened
 * by the first deployment that asks, or the failure every one of them then reports without trying
 * again; opened anew when it is no longer {@code usable}; never kept once the run has ended. Ending
 * does not wait for an opening under way (a login waiting for a passphrase, a connect waiting for
 * its timeout): that opening closes what it opened when it finishes.
 *
 * @param <T> what is opened
 */
public final class OpenedOnce<T> {
  private final Predicate<T> usable;
  private final Consumer<T> closer;
  private final Object opening = new Object(); // one opening at a time; the state has its own lock
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

  /**
   * What was opened, opening it with {@code open} the first time; throws the kept failure (a {@link
   * ProvisionException} as a copy of its own for each caller, so one deployment's error handling
   * never touches another's).
   */
  public T get(Supplier<T> open) {
    synchronized (opening) {
      T stale;
      synchronized (this) {
        requireNotEnded();
        if (failure != null) {
          throw copy(failure);
        }
        if (opened != null && usable.test(opened)) {
          return opened;
        }
        stale = opened;
        opened = null;
      }
      if (stale != null) {
        closeQuietly(stale); // no longer usable (a connection that went down)
      }
      T made;
      try {
        made = open.get();
      } catch (RuntimeException e) {
        synchronized (this) {
          failure = e;
        }
        throw e;
      }
      synchronized (this) {
        if (!ended) {
          opened = made;
          return made;
        }
      }
      closeQuietly(made); // the run ended while this was opened
      throw new IllegalStateException("the run's shared connections are closed");
    }
  }

  /** Ends it: closes what was opened and keeps nothing opened after (see the class comment). */
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

  private void requireNotEnded() {
    if (ended) {
      throw new IllegalStateException("the run's shared connections are closed");
    }
  }

  private void closeQuietly(T what) {
    try {
      closer.accept(what);
    } catch (RuntimeException e) {
      // closing what is down or unused: nothing more to release
    }
  }

  private static RuntimeException copy(RuntimeException kept) {
    if (kept instanceof ProvisionException p) {
      return new ProvisionException(p.diagnostics());
    }
    return kept;
  }
}
