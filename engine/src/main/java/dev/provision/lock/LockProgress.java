package dev.provision.lock;

import dev.provision.exec.ExecListener;

/**
 * Records the running step (and undo) in the deployment lock, so that whoever finds the lock after
 * a crash can tell where the apply stopped; every event also reaches the view.
 */
public final class LockProgress {
  private LockProgress() {}

  public static ExecListener of(ExecListener view, DeploymentLock lock) {
    ExecListener recorder =
        new ExecListener() {
          @Override
          public void stepStarted(String stepId, String description) {
            lock.step(stepId);
          }

          @Override
          public void undoStarted(String stepId, String description) {
            lock.step("undo " + stepId);
          }
        };
    return ExecListener.both(recorder, view);
  }
}
