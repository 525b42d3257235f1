package dev.provision.plan;

import dev.provision.live.ObservedState;
import dev.provision.live.Ownership;
import dev.provision.model.ContainerResource;
import dev.provision.model.Mount;
import dev.provision.model.VolumeResource;
import java.util.List;

/**
 * The volumes made outside provision (adopted) that a container mounts: recorded on the container
 * so that a destroy finds them without the spec. Pure.
 */
public final class AdoptedVolumes {
  private AdoptedVolumes() {}

  /**
   * Names of the named volumes {@code c} mounts that {@code observed} shows as not owned, sorted.
   */
  public static List<String> of(ContainerResource c, ObservedState observed) {
    return c.mounts().stream()
        .filter(m -> !m.bind())
        .map(Mount::source)
        .filter(
            name ->
                observed.resources().values().stream()
                    .anyMatch(
                        o ->
                            o.ownership() != Ownership.OWNED
                                && o.resource() instanceof VolumeResource v
                                && v.name().equals(name)))
        .sorted()
        .toList();
  }
}
