package dev.provision.exec.steps;

import dev.provision.exec.CommitHook;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import java.util.List;
import java.util.Optional;

/**
 * Removes a network the spec no longer has. The removal itself waits for the commit: containers
 * kept as {@code NAME-prev} for a rollback are still attached to it, and a network cannot be
 * brought back under the same identity. So apply only checks, and nothing needs undoing. The plan
 * must make this step depend on the steps that remove the network's containers, so that its commit
 * hook runs after theirs.
 */
public final class RemoveNetworkStep extends BaseStep {
  private final String name;
  private volatile boolean exists;

  public RemoveNetworkStep(String id, List<String> dependsOn, String name) {
    super(id, dependsOn);
    this.name = name;
  }

  @Override
  public String description() {
    return "remove network " + name + " (when the apply commits)";
  }

  @Override
  public void apply(StepContext context) {
    exists = HostChecks.networkExists(context, name);
    if (!exists) {
      context.progress().accept("network " + name + " is already gone");
    }
  }

  @Override
  public Undo undo() {
    return Undo.notNeeded("network " + name + " is removed only when the apply commits");
  }

  @Override
  public Optional<CommitHook> onCommit() {
    if (!exists) {
      return Optional.empty();
    }
    return Optional.of(
        new CommitHook() {
          @Override
          public String id() {
            return "remove network " + name;
          }

          @Override
          public void commit(StepContext context) {
            context.host().removeNetwork(name);
          }
        });
  }
}
