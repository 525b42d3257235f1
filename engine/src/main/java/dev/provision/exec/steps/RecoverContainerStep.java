package dev.provision.exec.steps;

import dev.provision.driver.ContainerState;
import dev.provision.driver.HostDriver;
import dev.provision.exec.Applied;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import dev.provision.model.ContainerResource;
import dev.provision.plan.RecoveryAction;
import java.util.List;
import java.util.Optional;

/**
 * Resolves one container replace that an interrupted apply left half-done, as its {@link
 * RecoveryAction} says, before the rest of the apply runs: removes the replacements, renames the
 * old container back (or, finishing a backend upgrade, the new one into place), restores the
 * restart policy and starts the container that holds the name if it should run.
 *
 * <p>Checks before each action, so running it again (after another crash) is safe. Putting back
 * needs no undo: the old container in place is how the deployment was before the interrupted apply.
 * Finishing has none: the new image may already have migrated the data. A finished replace leaves
 * the old container as {@code NAME-prev}, removed when the apply commits.
 */
public final class RecoverContainerStep extends BaseStep {
  private static final String NO_RESTART = "no";

  private final RecoveryAction action;
  private final ContainerResource readiness;

  /**
   * @param readiness the container that ends up as {@code NAME}, with the readiness check to wait
   *     for once it starts (null: none to wait for)
   */
  public RecoverContainerStep(
      String id, List<String> dependsOn, RecoveryAction action, ContainerResource readiness) {
    super(id, dependsOn);
    this.action = action;
    this.readiness = readiness;
  }

  @Override
  public String description() {
    return action.describe();
  }

  @Override
  public Applied apply(StepContext context) {
    HostDriver host = context.host();
    String name = action.name();
    String prev = name + RemovePreviousContainer.SUFFIX;
    for (String made : action.remove()) {
      Optional<ContainerState> c = host.inspectContainer(made);
      if (c.isPresent()) {
        if (c.get().running()) {
          host.stopContainer(made, stopTimeout());
        }
        host.removeContainer(made);
      }
    }
    if (action.setAside().isPresent()
        && host.inspectContainer(prev).isEmpty()
        && host.inspectContainer(name).isPresent()) {
      host.stopContainer(name, stopTimeout());
      host.setRestartPolicy(name, NO_RESTART);
      host.renameContainer(name, prev);
    }
    if (action.rename().isPresent()
        && host.inspectContainer(name).isEmpty()
        && host.inspectContainer(action.rename().get()).isPresent()) {
      host.renameContainer(action.rename().get(), name);
    }
    Optional<ContainerState> now = host.inspectContainer(name);
    if (now.isEmpty()) {
      context.progress().accept("no container " + name + " to put back; the plan creates it");
      return applied();
    }
    action.restartPolicy().ifPresent(p -> host.setRestartPolicy(name, p));
    if (action.start() && !now.get().running()) {
      host.startContainer(name);
      if (readiness != null) {
        context.readiness().await(host, name, readiness);
      }
    }
    return applied();
  }

  private int stopTimeout() {
    return readiness == null ? 10 : readiness.stopTimeoutSeconds();
  }

  /** Decided by the recovery's direction alone: the same whatever the host looked like. */
  private Applied applied() {
    if (action.direction() == RecoveryAction.Direction.FINISH) {
      return Applied.of(
          Undo.none(action.step().undoNote()), new RemovePreviousContainer(action.name()));
    }
    return Applied.of(
        Undo.notNeeded(
            "the old "
                + action.name()
                + " stays in place, as it was before the interrupted apply"));
  }
}
