package dev.provision.exec.steps;

import dev.provision.diag.ProvisionException;
import dev.provision.exec.Applied;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import java.util.List;

/**
 * Adopts a volume made outside provision: checks that it still exists and changes nothing (Docker
 * cannot label a volume after the fact; the containers that mount it record the adoption). Nothing
 * to undo: the volume and its data are never touched.
 */
public final class AdoptVolumeStep extends BaseStep {
  private final String volume;

  public AdoptVolumeStep(String id, List<String> dependsOn, String volume) {
    super(id, dependsOn);
    this.volume = volume;
  }

  @Override
  public String description() {
    return "adopt volume " + volume + " (its data is kept as it is)";
  }

  @Override
  public Applied apply(StepContext context) {
    if (context.host().volumeLabels(volume).isEmpty()) {
      throw ProvisionException.of(
          "volume " + volume + " to adopt no longer exists",
          "The target changed since the plan was made: run plan again.");
    }
    return Applied.of(Undo.notNeeded("volume " + volume + " was not changed"));
  }
}
