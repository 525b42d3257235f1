package dev.provision.exec.steps;

import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import java.util.List;

/** Removes a volume and the data in it (destroy --delete-data only). Has no undo. */
public final class RemoveVolumeStep extends BaseStep {
  private final String name;

  public RemoveVolumeStep(String id, List<String> dependsOn, String name) {
    super(id, dependsOn);
    this.name = name;
  }

  @Override
  public String description() {
    return "remove volume " + name + " and its data";
  }

  @Override
  public void apply(StepContext context) {
    context.host().removeVolume(name);
  }

  @Override
  public Undo undo() {
    return Undo.none("the data in volume " + name + " is gone; restore it from a backup");
  }
}
