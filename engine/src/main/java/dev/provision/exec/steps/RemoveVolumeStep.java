package dev.provision.exec.steps;

import dev.provision.exec.Applied;
import dev.provision.exec.CommitHook;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import java.util.List;

/**
 * Removes a volume and the data in it (destroy --delete-data only). Nothing that cannot be undone
 * happens before every other step succeeded: the removal waits for the commit, after the containers
 * that used the volume (kept stopped until then, so a rollback can restart them) are gone. A
 * removal that fails then is reported as a left-over, and the data is still there.
 */
public final class RemoveVolumeStep extends BaseStep {
  private final String name;

  public RemoveVolumeStep(String id, List<String> dependsOn, String name) {
    super(id, dependsOn);
    this.name = name;
  }

  @Override
  public String description() {
    return "remove volume " + name + " and its data (when everything else succeeded)";
  }

  @Override
  public Applied apply(StepContext context) {
    context.progress().accept("volume " + name + " is removed once every other step succeeded");
    return Applied.of(
        Undo.notNeeded("volume " + name + " is removed only when the apply commits"),
        new CommitHook() {
          @Override
          public String id() {
            return "remove volume " + name;
          }

          @Override
          public void commit(StepContext context) {
            context.host().removeVolume(name);
          }
        });
  }
}
