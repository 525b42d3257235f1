package dev.provision.exec.steps;

import dev.provision.exec.Applied;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import dev.provision.model.VolumeResource;
import java.util.List;

/**
 * Creates a volume unless it already exists. Undo removes it only when this step created it (so it
 * holds no data from before this apply); a volume that existed is never touched.
 */
public final class CreateVolumeStep extends BaseStep {
  private final VolumeResource volume;

  public CreateVolumeStep(String id, List<String> dependsOn, VolumeResource volume) {
    super(id, dependsOn);
    this.volume = volume;
  }

  @Override
  public String description() {
    return "create volume " + volume.name();
  }

  @Override
  public Applied apply(StepContext context) {
    if (HostChecks.volumeExists(context, volume.name())) {
      context.progress().accept("volume " + volume.name() + " already exists");
      return Applied.of(
          Undo.notNeeded("volume " + volume.name() + " existed before this apply; kept"));
    }
    context.host().createVolume(context.deployment(), volume, context.createdLabels());
    return Applied.of(
        Undo.of(
            "remove volume " + volume.name() + " (created by this apply)",
            c -> c.host().removeVolume(volume.name())));
  }
}
