package dev.provision.exec.steps;

import dev.provision.exec.Step;
import java.util.List;

/** The id and dependencies every step carries; subclasses add one verb. */
abstract class BaseStep implements Step {
  private final String id;
  private final List<String> dependsOn;

  BaseStep(String id, List<String> dependsOn) {
    this.id = id;
    this.dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final List<String> dependsOn() {
    return dependsOn;
  }
}
