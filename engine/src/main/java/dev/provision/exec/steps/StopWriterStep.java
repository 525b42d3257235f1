package dev.provision.exec.steps;

import dev.provision.exec.Applied;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import java.util.List;

/**
 * Takes another writer of the deployment's data out of the way (such as the backend docker compose
 * started on the same volume): sets its restart policy to {@code no} first, so it does not come
 * back at reboot or by its policy, then stops it. The container is kept. Undo gives it its old
 * policy back and starts it again if it was running.
 */
public final class StopWriterStep extends BaseStep {
  private static final int STOP_TIMEOUT_SECONDS = 10;
  private final String container;
  private final String oldPolicy;
  private final boolean wasRunning;

  public StopWriterStep(
      String id, List<String> dependsOn, String container, String oldPolicy, boolean wasRunning) {
    super(id, dependsOn);
    this.container = container;
    this.oldPolicy = oldPolicy;
    this.wasRunning = wasRunning;
  }

  @Override
  public String description() {
    return "stop container " + container + " (another writer of the data) and set restart: no";
  }

  @Override
  public Applied apply(StepContext context) {
    context.host().setRestartPolicy(container, "no");
    context.host().stopContainer(container, STOP_TIMEOUT_SECONDS);
    return Applied.of(undo());
  }

  private Undo undo() {
    return Undo.of(
        "restore restart policy "
            + oldPolicy
            + " on container "
            + container
            + (wasRunning ? " and start it" : ""),
        c -> {
          c.host().setRestartPolicy(container, oldPolicy);
          if (wasRunning) {
            c.host().startContainer(container);
          }
        });
  }
}
