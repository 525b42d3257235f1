package dev.provision.exec.steps;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.ContainerState;
import dev.provision.driver.HostDriver;
import dev.provision.exec.Applied;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import dev.provision.model.ContainerResource;
import java.util.List;
import java.util.Optional;

/**
 * Creates a new container, starts it and waits until it is ready. When a container of that name
 * already exists with the same configuration (as it really is, not as its labels say), it is only
 * started (if stopped) and waited for; one with another config is an error (the plan is out of
 * date). When start or readiness fails, the container this step created is removed again. Undo
 * stops and removes what this step created, or stops what it only started.
 */
public final class StartContainerStep extends BaseStep {
  private final ContainerResource spec;
  private final String configHash;
  private final java.util.Map<String, String> labels;

  public StartContainerStep(
      String id, List<String> dependsOn, ContainerResource spec, String configHash) {
    this(id, dependsOn, spec, configHash, java.util.Map.of());
  }

  /** As above; {@code labels} are added to the container's labels (such as adopted volumes). */
  public StartContainerStep(
      String id,
      List<String> dependsOn,
      ContainerResource spec,
      String configHash,
      java.util.Map<String, String> labels) {
    super(id, dependsOn);
    this.spec = spec;
    this.configHash = configHash;
    this.labels = java.util.Map.copyOf(labels);
  }

  @Override
  public String description() {
    return "start container " + spec.name() + " (" + spec.image() + ")";
  }

  @Override
  public Applied apply(StepContext context) {
    HostDriver host = context.host();
    Optional<ContainerState> existing = HostChecks.container(context, spec.name());
    if (existing.isPresent()) {
      return reuse(context, existing.get());
    }
    java.util.Map<String, String> all = new java.util.TreeMap<>(labels);
    all.putAll(context.createdLabels());
    host.createContainer(context.deployment(), spec, spec.name(), configHash, all);
    try {
      host.startContainer(spec.name());
      context.readiness().await(host, spec.name(), spec);
    } catch (RuntimeException e) {
      HostChecks.removeQuietly(host, spec.name(), spec.stopTimeoutSeconds(), e);
      throw e;
    }
    String name = spec.name();
    int timeout = spec.stopTimeoutSeconds();
    return Applied.of(
        Undo.of(
            "stop and remove container " + name,
            c -> {
              c.host().stopContainer(name, timeout);
              c.host().removeContainer(name);
            }));
  }

  private Applied reuse(StepContext context, ContainerState state) {
    if (!HostChecks.runsConfig(context, spec)) {
      throw new ProvisionException(
          Diagnostic.error(
                  null,
                  spec.address().toString(),
                  "container " + spec.name() + " already exists with another configuration")
              .withExpected("no container named " + spec.name() + ", as the plan said")
              .withHint("The target changed since the plan was made: run plan again."));
    }
    String name = spec.name();
    if (state.running()) {
      context.progress().accept("container " + name + " already runs this configuration");
      return Applied.of(
          Undo.notNeeded("container " + name + " was already running before this apply; kept"));
    }
    context.host().startContainer(name);
    Undo stop =
        Undo.of(
            "stop container " + name + " (it existed, stopped)",
            c -> c.host().stopContainer(name, spec.stopTimeoutSeconds()));
    context.readiness().await(context.host(), name, spec);
    return Applied.of(stop);
  }
}
