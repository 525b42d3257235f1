package dev.provision.exec.steps;

import dev.provision.exec.CommitHook;
import dev.provision.exec.Step;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import java.util.List;
import java.util.Optional;

/**
 * A step whose effect cannot be undone whatever its own undo says, such as a backend replacement
 * with a new image: the new image may have run forward-only migrations that the old image cannot
 * read, so restarting the old container would not restore the deployment.
 */
public final class WithoutUndo implements Step {
  private final Step step;
  private final String reason;

  public WithoutUndo(Step step, String reason) {
    this.step = step;
    this.reason = reason;
  }

  @Override
  public String id() {
    return step.id();
  }

  @Override
  public List<String> dependsOn() {
    return step.dependsOn();
  }

  @Override
  public String description() {
    return step.description();
  }

  @Override
  public void apply(StepContext context) throws Exception {
    step.apply(context);
  }

  @Override
  public Undo undo() {
    return Undo.none(reason);
  }

  @Override
  public Optional<CommitHook> onCommit() {
    return step.onCommit();
  }
}
