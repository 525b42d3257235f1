package dev.provision.exec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records executor events as short strings. */
final class RecordingListener implements ExecListener {
  final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public void stepStarted(String stepId, String description) {
    events.add("started " + stepId);
  }

  @Override
  public void stepProgress(String stepId, String line) {
    events.add("progress " + stepId + ": " + line);
  }

  @Override
  public void stepSucceeded(String stepId, Duration duration) {
    events.add("succeeded " + stepId);
  }

  @Override
  public void stepFailed(String stepId, Throwable cause) {
    events.add("failed " + stepId + ": " + cause.getMessage());
  }

  @Override
  public void stepSkipped(String stepId, String reason) {
    events.add("skipped " + stepId + ": " + reason);
  }

  @Override
  public void undoStarted(String stepId, String description) {
    events.add("undo started " + stepId);
  }

  @Override
  public void undoSucceeded(String stepId, Duration duration) {
    events.add("undo succeeded " + stepId);
  }

  @Override
  public void undoFailed(String stepId, Throwable cause) {
    events.add("undo failed " + stepId + ": " + cause.getMessage());
  }

  @Override
  public void undoUnavailable(String stepId, String reason) {
    events.add("no undo " + stepId + ": " + reason);
  }

  @Override
  public void commitFailed(String hookId, Throwable cause) {
    events.add("commit failed " + hookId + ": " + cause.getMessage());
  }
}
