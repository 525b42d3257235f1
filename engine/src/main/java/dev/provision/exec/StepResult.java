package dev.provision.exec;

import java.time.Duration;

/**
 * What happened to one step.
 *
 * @param duration how long it ran; zero when it did not run
 * @param failure what it threw when {@code outcome} is FAILED, else null
 * @param note for SKIPPED and NOT_STARTED, the failed step behind it; else null
 */
public record StepResult(
    String stepId, Outcome outcome, Duration duration, Throwable failure, String note) {

  /** Step outcomes. A SUCCEEDED step may still have been undone by the rollback. */
  public enum Outcome {
    SUCCEEDED,
    FAILED,
    /** A dependency failed. */
    SKIPPED,
    /** Its dependencies were fine, but the apply stopped after a failure elsewhere. */
    NOT_STARTED
  }
}
