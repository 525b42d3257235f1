package dev.provision.exec;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request from outside (the CLI's Ctrl-C or SIGTERM handler) to stop an apply. The first request
 * stops it as a failure would: no new step starts, running steps finish, completed steps are undone
 * (with readiness waits capped, so the undo ends in bounded time). A second request stops the
 * rollback after the undo that is running; what is left is reported. Thread-safe; the engine never
 * installs signal handlers itself.
 */
public final class StopRequest {
  private final AtomicInteger count = new AtomicInteger();
  private volatile Thread worker;

  /** A request nobody will ever make (tests, in-process callers). */
  public static StopRequest never() {
    return new StopRequest();
  }

  /**
   * Asks the apply to stop; returns how many times it has been asked. The first request interrupts
   * the thread running the apply.
   */
  public int stop() {
    int n = count.incrementAndGet();
    Thread t = worker;
    if (n == 1 && t != null) {
      t.interrupt();
    }
    synchronized (this) {
      notifyAll();
    }
    return n;
  }

  /** True once a stop was asked. */
  public boolean requested() {
    return count.get() > 0;
  }

  /** True once a second stop was asked: undo no more steps after the current one. */
  public boolean rollbackAbandoned() {
    return count.get() > 1;
  }

  /** Waits until a stop is asked or {@code max} has passed; true when asked. */
  public synchronized boolean await(Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (!requested() && System.nanoTime() < end) {
      wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
    }
    return requested();
  }

  /** Called by the executor: {@code thread} runs the apply until {@link #detach}. */
  void attach(Thread thread) {
    this.worker = thread;
    if (requested()) {
      thread.interrupt();
    }
  }

  void detach() {
    this.worker = null;
  }
}
