package dev.provision.exec;

import java.util.List;
import java.util.Optional;

/** A step for executor tests: appends to a shared log, fails when told, undoes when asked. */
class ScriptedStep implements Step {
  private final String id;
  private final List<String> dependsOn;
  private final List<String> log;
  private RuntimeException applyFailure;
  private RuntimeException undoFailure;
  private Undo undoOverride;
  private CommitHook hook;

  ScriptedStep(String id, List<String> dependsOn, List<String> log) {
    this.id = id;
    this.dependsOn = dependsOn;
    this.log = log;
  }

  ScriptedStep failing(String message) {
    applyFailure = new IllegalStateException(message);
    return this;
  }

  ScriptedStep undoFailing(String message) {
    undoFailure = new IllegalStateException(message);
    return this;
  }

  ScriptedStep undo(Undo undo) {
    undoOverride = undo;
    return this;
  }

  ScriptedStep onCommit(CommitHook hook) {
    this.hook = hook;
    return this;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public List<String> dependsOn() {
    return dependsOn;
  }

  @Override
  public String description() {
    return "do " + id;
  }

  @Override
  public Applied apply(StepContext context) {
    log.add("apply " + id);
    if (applyFailure != null) {
      throw applyFailure;
    }
    return new Applied(undo(), Optional.ofNullable(hook));
  }

  private Undo undo() {
    if (undoOverride != null) {
      return undoOverride;
    }
    return Undo.of(
        "undo " + id,
        c -> {
          log.add("undo " + id);
          if (undoFailure != null) {
            throw undoFailure;
          }
        });
  }
}
