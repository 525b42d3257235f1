package dev.provision.exec.steps;

import dev.provision.driver.ContainerState;
import dev.provision.exec.Applied;
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
  public Applied apply(StepContext context) {
    String prev = name + RemovePreviousContainer.SUFFIX;
    Optional<ContainerState> current = HostChecks.container(context, name);
    if (current.isEmpty()) {
      context.progress().accept("container " + name + " is already gone");
      Undo undo = Undo.notNeeded("container " + name + " was already gone before this apply");
      return HostChecks.container(context, prev).isPresent()
          ? Applied.of(undo, new RemovePreviousContainer(name))
          : Applied.of(undo);
    }
    if (HostChecks.container(context, prev).isPresent()) {
      throw Leftovers.previousExists(prev, name);
    }
    boolean wasRunning = current.get().running();
    if (wasRunning) {
      context.host().stopContainer(name, stopTimeoutSeconds);
    }
    context.host().renameContainer(name, prev);
    return Applied.of(putBack(prev, wasRunning), new RemovePreviousContainer(name));
  }

  private Undo putBack(String prev, boolean wasRunning) {
    return Undo.of(
        "rename " + prev + " back to " + name + (wasRunning ? " and start it" : ""),
        c -> {
          c.host().renameContainer(prev, name);
          if (wasRunning) {
            c.host().startContainer(name);
          }
        });
  }
}
