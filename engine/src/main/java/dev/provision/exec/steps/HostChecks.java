package dev.provision.exec.steps;

import dev.provision.driver.ContainerState;
import dev.provision.driver.HostDriver;
import dev.provision.exec.StepContext;
import dev.provision.live.ObservedResource;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.Resource;
import dev.provision.model.Value;
import dev.provision.model.VolumeResource;
import java.util.Optional;
import java.util.SortedMap;

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

  /**
   * True when the container named like {@code spec} really runs {@code spec}'s configuration (its
   * networks, env, mounts, ports, image and image id as the host reports them), whatever its config
   * hash label says: a label only tells what provision made.
   */
  static boolean runsConfig(StepContext context, ContainerResource spec) {
    return owned(context)
        .filter(r -> r instanceof ContainerResource c && c.name().equals(spec.name()))
        .findFirst()
        .map(r -> sameConfig(r.attributes(), spec.attributes()))
        .orElse(false);
  }

  private static boolean sameConfig(SortedMap<String, Value> seen, SortedMap<String, Value> want) {
    if (!seen.keySet().equals(want.keySet())) {
      return false;
    }
    return want.entrySet().stream()
        .allMatch(e -> e.getValue().text().equals(seen.get(e.getKey()).text()));
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
