package dev.provision.exec.steps;

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
  private volatile boolean done;

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
  public void apply(StepContext context) {
    done = false;
    context.host().setRestartPolicy(container, "no");
    done = true;
    context.host().stopContainer(container, STOP_TIMEOUT_SECONDS);
  }

  @Override
  public Undo undo() {
    if (!done) {
      return Undo.notNeeded("container " + container + " was not changed");
    }
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
