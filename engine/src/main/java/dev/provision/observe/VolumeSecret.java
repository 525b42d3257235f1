package dev.provision.observe;

import dev.provision.convex.BackendContainer;
import dev.provision.convex.InstanceSecret;
import dev.provision.desired.Names;
import dev.provision.driver.HostDriver;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Mount;
import dev.provision.model.Spec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the instance secret the backend stored in its data volume ({@code
 * credentials/instance_secret}) when no backend container exists, such as after a destroy that kept
 * the data. It creates a container from the backend image with the volume mounted, never starts it,
 * copies the one file out and removes the container: without this, a lost secrets file would mean a
 * new secret and every admin key dead. Only used when the image is already on the host (a plan
 * never pulls).
 */
public final class VolumeSecret {
  private VolumeSecret() {}

  public static Optional<String> read(HostDriver host, Spec spec, ObservedState live) {
    if (!live.resources().containsKey(Names.DATA_VOLUME)) {
      return Optional.empty();
    }
    return readText(host, spec, Names.CREDENTIALS_FILE).filter(InstanceSecret::isValid);
  }

  /** One text file of the data volume, stripped; empty when absent or the image is missing. */
  public static Optional<String> readText(HostDriver host, Spec spec, String path) {
    if (!host.hasImage(spec.backend().image())) {
      return Optional.empty();
    }
    String name = Names.container(spec.deployment(), "secret-reader");
    ContainerResource reader =
        new ContainerResource(
            Address.of(Address.Kind.CONTAINER, "secret-reader"),
            name,
            spec.backend().image(),
            new TreeMap<>(),
            List.of(),
            List.of(Mount.volume(spec.backend().volume(), BackendContainer.DATA_PATH)),
            null,
            null,
            List.of(),
            "no",
            "SIGINT",
            1,
            null,
            List.of(),
            null);
    host.removeContainer(name);
    host.createContainer(spec.deployment(), reader, name, "secret-reader");
    try {
      return host.readFile(name, path).map(b -> new String(b, StandardCharsets.UTF_8).strip());
    } finally {
      host.removeContainer(name);
    }
  }
}
