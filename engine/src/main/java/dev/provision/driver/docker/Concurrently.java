package dev.provision.driver.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a few independent engine calls at once and waits for all of them: the calls of one
 * observation stage each wait a round-trip, so a stage costs one round-trip instead of one per
 * call. Calls beyond the connection's limit wait in its pool. The first failure is thrown once all
 * have ended, so nothing runs on after the caller has gone on.
 */
final class Concurrently {
  private Concurrently() {}

  /** The answers of {@code calls}, in their order. */
  static <T> List<T> all(List<Supplier<T>> calls) {
    if (calls.size() < 2) {
      return calls.stream().map(Supplier::get).toList();
    }
    List<Object> answers = new ArrayList<>(calls.size());
    calls.forEach(c -> answers.add(null));
    List<Thread> threads = new ArrayList<>();
    for (int i = 1; i < calls.size(); i++) {
      int slot = i;
      Thread t = new Thread(() -> answer(calls.get(slot), slot, answers), "provision-observe-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    answer(calls.get(0), 0, answers); // the first call runs on the caller's thread
    threads.forEach(Concurrently::join);
    List<T> out = new ArrayList<>(calls.size());
    synchronized (answers) {
      for (Object a : answers) {
        if (a instanceof Failed f) {
          throwUnchecked(f.cause());
        }
        @SuppressWarnings("unchecked")
        T t = (T) a;
        out.add(t);
      }
    }
    return out;
  }

  private static <T> void answer(Supplier<T> call, int slot, List<Object> answers) {
    Object answer;
    try {
      answer = call.get();
    } catch (RuntimeException | Error e) {
      answer = new Failed(e);
    }
    synchronized (answers) {
      answers.set(slot, answer);
    }
  }

  private static void join(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the calls end on their own (each has the connection's timeouts)
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void throwUnchecked(Throwable e) {
    if (e instanceof RuntimeException r) {
      throw r;
    }
    throw (Error) e;
  }

  private record Failed(Throwable cause) {}
}
