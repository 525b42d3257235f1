package dev.provision.exec.steps;

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
  private volatile boolean created;

  public CreateVolumeStep(String id, List<String> dependsOn, VolumeResource volume) {
    super(id, dependsOn);
    this.volume = volume;
  }

  @Override
  public String description() {
    return "create volume " + volume.name();
  }

  @Override
  public void apply(StepContext context) {
    created = false;
    if (HostChecks.volumeExists(context, volume.name())) {
      context.progress().accept("volume " + volume.name() + " already exists");
      return;
    }
    context.host().createVolume(context.deployment(), volume, context.createdLabels());
    created = true;
  }

  @Override
  public Undo undo() {
    if (!created) {
      return Undo.notNeeded("volume " + volume.name() + " existed before this apply; kept");
    }
    return Undo.of(
        "remove volume " + volume.name() + " (created by this apply)",
        c -> c.host().removeVolume(volume.name()));
  }
}
