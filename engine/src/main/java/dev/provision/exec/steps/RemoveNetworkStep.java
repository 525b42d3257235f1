package dev.provision.exec.steps;

import dev.provision.exec.Applied;
import dev.provision.exec.CommitHook;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import java.util.List;

/**
 * Removes a network the spec no longer has. The removal itself waits for the commit: containers
 * kept as {@code NAME-prev} for a rollback are still attached to it, and a network cannot be
 * brought back under the same identity. So apply only checks, and nothing needs undoing. The plan
 * must make this step depend on the steps that remove the network's containers, so that its commit
 * hook runs after theirs.
 */
public final class RemoveNetworkStep extends BaseStep {
  private final String name;

  public RemoveNetworkStep(String id, List<String> dependsOn, String name) {
    super(id, dependsOn);
    this.name = name;
  }

  @Override
  public String description() {
    return "remove network " + name + " (when the apply commits)";
  }

  @Override
  public Applied apply(StepContext context) {
    Undo undo = Undo.notNeeded("network " + name + " is removed only when the apply commits");
    if (!HostChecks.networkExists(context, name)) {
      context.progress().accept("network " + name + " is already gone");
      return Applied.of(undo);
    }
    return Applied.of(undo, removeAtCommit());
  }

  private CommitHook removeAtCommit() {
    return new CommitHook() {
      @Override
      public String id() {
        return "remove network " + name;
      }

      @Override
      public void commit(StepContext context) {
        context.host().removeNetwork(name);
      }
    };
  }
}
