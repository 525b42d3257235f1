package dev.provision.driver;

import dev.provision.model.Address;
import dev.provision.model.ContainerResource;

/** How the in-memory host names what it observes, following the Docker driver's rule. */
final class FakeNames {
  private FakeNames() {}

  /**
   * As the Docker driver does: a container whose actual name differs from its spec's name (a
   * replace's {@code -next} or {@code -prev}) is observed under its own address.
   */
  static ContainerResource observedAs(ContainerResource spec, String actual) {
    if (actual.equals(spec.name())) {
      return spec;
    }
    String suffix = actual.startsWith(spec.name()) ? actual.substring(spec.name().length()) : "@" + actual;
    Address address = Address.of(spec.address().kind(), spec.address().name() + suffix);
    return new ContainerResource(address, actual, spec.image(), spec.env(), spec.ports(), spec.mounts(),
        spec.network(), spec.alias(), spec.command(), spec.restartPolicy(), spec.stopSignal(),
        spec.stopTimeoutSeconds(), spec.readiness());
  }
}
