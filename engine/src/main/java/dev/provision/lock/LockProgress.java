package dev.provision.lock;

import dev.provision.exec.ExecListener;
import java.time.Duration;

/**
 * Passes every event on to the view and records the running step (and undo) in the deployment lock,
 * so that whoever finds the lock after a crash can tell where the apply stopped.
 */
public final class LockProgress {
  private LockProgress() {}

  public static ExecListener of(ExecListener view, DeploymentLock lock) {
    return new ExecListener() {
      @Override
      public void stepStarted(String stepId, String description) {
        lock.step(stepId);
        view.stepStarted(stepId, description);
      }

      @Override
      public void stepProgress(String stepId, String line) {
        view.stepProgress(stepId, line);
      }

      @Override
      public void stepSucceeded(String stepId, Duration duration) {
        view.stepSucceeded(stepId, duration);
      }

      @Override
      public void stepFailed(String stepId, Throwable cause) {
        view.stepFailed(stepId, cause);
      }

      @Override
      public void stepSkipped(String stepId, String reason) {
        view.stepSkipped(stepId, reason);
      }

      @Override
      public void undoStarted(String stepId, String description) {
        lock.step("undo " + stepId);
        view.undoStarted(stepId, description);
      }

      @Override
      public void undoSucceeded(String stepId, Duration duration) {
        view.undoSucceeded(stepId, duration);
      }

      @Override
      public void undoFailed(String stepId, Throwable cause) {
        view.undoFailed(stepId, cause);
      }

      @Override
      public void undoUnavailable(String stepId, String reason) {
        view.undoUnavailable(stepId, reason);
      }

      @Override
      public void commitFailed(String hookId, Throwable cause) {
        view.commitFailed(hookId, cause);
      }
    };
  }
}
