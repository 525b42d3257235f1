package dev.provision.exec;

import java.time.Duration;

/** Two listeners told of every event, in order; see {@link ExecListener#both}. */
record Both(ExecListener first, ExecListener second) implements ExecListener {
  @Override
  public void stepStarted(String stepId, String description) {
    first.stepStarted(stepId, description);
    second.stepStarted(stepId, description);
  }

  @Override
  public void stepProgress(String stepId, String line) {
    first.stepProgress(stepId, line);
    second.stepProgress(stepId, line);
  }

  @Override
  public void stepSucceeded(String stepId, Duration duration) {
    first.stepSucceeded(stepId, duration);
    second.stepSucceeded(stepId, duration);
  }

  @Override
  public void stepFailed(String stepId, Throwable cause) {
    first.stepFailed(stepId, cause);
    second.stepFailed(stepId, cause);
  }

  @Override
  public void stepSkipped(String stepId, String reason) {
    first.stepSkipped(stepId, reason);
    second.stepSkipped(stepId, reason);
  }

  @Override
  public void undoStarted(String stepId, String description) {
    first.undoStarted(stepId, description);
    second.undoStarted(stepId, description);
  }

  @Override
  public void undoSucceeded(String stepId, Duration duration) {
    first.undoSucceeded(stepId, duration);
    second.undoSucceeded(stepId, duration);
  }

  @Override
  public void undoFailed(String stepId, Throwable cause) {
    first.undoFailed(stepId, cause);
    second.undoFailed(stepId, cause);
  }

  @Override
  public void undoUnavailable(String stepId, String reason) {
    first.undoUnavailable(stepId, reason);
    second.undoUnavailable(stepId, reason);
  }

  @Override
  public void commitFailed(String hookId, Throwable cause) {
    first.commitFailed(hookId, cause);
    second.commitFailed(hookId, cause);
  }
}
