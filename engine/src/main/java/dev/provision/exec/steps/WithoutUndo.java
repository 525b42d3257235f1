package dev.provision.exec.steps;

import dev.provision.exec.Applied;
import dev.provision.exec.Step;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import java.util.List;

/**
 * A step whose effect cannot be undone whatever its own undo says, such as a backend replacement
 * with a new image: the new image may have run forward-only migrations that the old image cannot
 * read, so restarting the old container would not restore the deployment. The wrapped step's commit
 * hook is kept.
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
  public Applied apply(StepContext context) throws Exception {
    return step.apply(context).withUndo(Undo.none(reason));
  }
}
