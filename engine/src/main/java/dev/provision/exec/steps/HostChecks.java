package dev.provision.exec.steps;

import dev.provision.driver.ContainerState;
import dev.provision.driver.HostDriver;
import dev.provision.driver.Labels;
import dev.provision.exec.StepContext;
import dev.provision.model.NetworkResource;
import dev.provision.model.Resource;
import dev.provision.model.VolumeResource;
import dev.provision.observe.ObservedResource;
import java.util.Optional;

/** The small look-ups steps make before they act, so that running a step twice is safe. */
final class HostChecks {
  private HostChecks() {}

  static boolean networkExists(StepContext context, String name) {
    return owned(context).anyMatch(r -> r instanceof NetworkResource n && n.name().equals(name));
  }

  static boolean volumeExists(StepContext context, String name) {
    return owned(context).anyMatch(r -> r instanceof VolumeResource v && v.name().equals(name));
  }

  private static java.util.stream.Stream<Resource> owned(StepContext context) {
    return context.host().observe(context.deployment()).resources().values().stream()
        .map(ObservedResource::resource);
  }

  static Optional<ContainerState> container(StepContext context, String name) {
    return context.host().inspectContainer(name);
  }

  static boolean hasHash(ContainerState state, String configHash) {
    return configHash.equals(state.labels().get(Labels.CONFIG_HASH));
  }

  /** Stops and removes a container, ignoring errors: used while already handling a failure. */
  static void removeQuietly(HostDriver host, String name, int stopTimeoutSeconds, Throwable into) {
    try {
      if (host.inspectContainer(name).map(ContainerState::running).orElse(false)) {
        host.stopContainer(name, stopTimeoutSeconds);
      }
      host.removeContainer(name);
    } catch (RuntimeException e) {
      into.addSuppressed(e);
    }
  }
}
