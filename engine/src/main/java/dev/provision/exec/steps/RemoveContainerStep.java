package dev.provision.exec.steps;

import dev.provision.driver.ContainerState;
import dev.provision.exec.CommitHook;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import java.util.List;
import java.util.Optional;

/**
 * Takes a container out of service: stops it and renames it to {@code NAME-prev}, where it waits
 * until the apply commits (then {@link RemovePreviousContainer} deletes it). Undo renames it back
 * and starts it again if it was running. Running it again after it took effect does nothing.
 */
public final class RemoveContainerStep extends BaseStep {
  private final String name;
  private final int stopTimeoutSeconds;
  private volatile boolean moved;
  private volatile boolean wasRunning;
  private volatile boolean prevExists;

  public RemoveContainerStep(
      String id, List<String> dependsOn, String name, int stopTimeoutSeconds) {
    super(id, dependsOn);
    this.name = name;
    this.stopTimeoutSeconds = stopTimeoutSeconds;
  }

  @Override
  public String description() {
    return "remove container " + name;
  }

  @Override
  public void apply(StepContext context) {
    moved = false;
    String prev = name + RemovePreviousContainer.SUFFIX;
    Optional<ContainerState> current = HostChecks.container(context, name);
    if (current.isEmpty()) {
      prevExists = HostChecks.container(context, prev).isPresent();
      context.progress().accept("container " + name + " is already gone");
      return;
    }
    if (HostChecks.container(context, prev).isPresent()) {
      throw Leftovers.previousExists(prev, name);
    }
    wasRunning = current.get().running();
    if (wasRunning) {
      context.host().stopContainer(name, stopTimeoutSeconds);
    }
    context.host().renameContainer(name, prev);
    moved = true;
    prevExists = true;
  }

  @Override
  public Undo undo() {
    if (!moved) {
      return Undo.notNeeded("container " + name + " was already gone before this apply");
    }
    String prev = name + RemovePreviousContainer.SUFFIX;
    return Undo.of(
        "rename " + prev + " back to " + name + (wasRunning ? " and start it" : ""),
        c -> {
          c.host().renameContainer(prev, name);
          if (wasRunning) {
            c.host().startContainer(name);
          }
        });
  }

  @Override
  public Optional<CommitHook> onCommit() {
    return prevExists ? Optional.of(new RemovePreviousContainer(name)) : Optional.empty();
  }
}
