package dev.provision.exec.steps;

import dev.provision.exec.Applied;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import java.util.List;

/**
 * Makes sure an image is on the host: uses it when present, pulls it otherwise (reporting progress
 * lines). Needs no undo: an extra image changes nothing that runs.
 */
public final class EnsureImageStep extends BaseStep {
  private final String image;

  public EnsureImageStep(String id, List<String> dependsOn, String image) {
    super(id, dependsOn);
    this.image = image;
  }

  @Override
  public String description() {
    return "ensure image " + image;
  }

  @Override
  public Applied apply(StepContext context) {
    if (context.host().hasImage(image)) {
      context.progress().accept("image " + image + " is present");
    } else {
      context.host().pullImage(image, context.progress());
    }
    return Applied.of(
        Undo.notNeeded("image " + image + " is kept; an unused image changes nothing that runs"));
  }
}
