package dev.provision.exec.steps;

import dev.provision.exec.Applied;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import dev.provision.model.NetworkResource;
import java.util.List;

/**
 * Creates the deployment's network unless it already exists. Undo removes it, but only when this
 * step created it.
 */
public final class CreateNetworkStep extends BaseStep {
  private final NetworkResource network;

  public CreateNetworkStep(String id, List<String> dependsOn, NetworkResource network) {
    super(id, dependsOn);
    this.network = network;
  }

  @Override
  public String description() {
    return "create network " + network.name();
  }

  @Override
  public Applied apply(StepContext context) {
    if (HostChecks.networkExists(context, network.name())) {
      context.progress().accept("network " + network.name() + " already exists");
      return Applied.of(
          Undo.notNeeded("network " + network.name() + " existed before this apply; kept"));
    }
    context.host().createNetwork(context.deployment(), network, context.createdLabels());
    return Applied.of(
        Undo.of("remove network " + network.name(), c -> c.host().removeNetwork(network.name())));
  }
}
