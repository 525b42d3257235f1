package dev.provision.exec;

import java.time.Duration;

/**
 * Typed events of an apply, for a view to render (the engine itself never prints). Step events may
 * come from several threads at once; undo and commit events come from the thread that called {@link
 * Executor#run}. Every method has an empty default. Implementations must be quick and must not
 * throw: an exception from a step event fails that step.
 */
public interface ExecListener {
  ExecListener NONE = new ExecListener() {};

  default void stepStarted(String stepId, String description) {}

  /** A progress line from a running step, such as an image pull's. */
  default void stepProgress(String stepId, String line) {}

  default void stepSucceeded(String stepId, Duration duration) {}

  default void stepFailed(String stepId, Throwable cause) {}

  /** The step did not run; {@code reason} names the failed step behind it. */
  default void stepSkipped(String stepId, String reason) {}

  default void undoStarted(String stepId, String description) {}

  default void undoSucceeded(String stepId, Duration duration) {}

  /** An undo failed; the remaining undos still run. */
  default void undoFailed(String stepId, Throwable cause) {}

  /** A completed step has no undo; {@code reason} says why and what to do instead. */
  default void undoUnavailable(String stepId, String reason) {}

  /** A commit hook failed after every step succeeded: something is left to clean up by hand. */
  default void commitFailed(String hookId, Throwable cause) {}

  /** Tells {@code first}, then {@code second}, of every event. */
  static ExecListener both(ExecListener first, ExecListener second) {
    return new Both(first, second);
  }
}
