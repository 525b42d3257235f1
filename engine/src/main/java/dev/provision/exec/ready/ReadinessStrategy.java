package dev.provision.exec.ready;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.HostDriver;
import dev.provision.model.ContainerResource;
import dev.provision.model.PortBinding;
import dev.provision.model.Readiness;

/**
 * One way to ask whether a started container is ready. {@link #check()} asks once and never waits;
 * {@link ReadinessWaiter} polls it until the deadline and handles exits and timeouts.
 */
public interface ReadinessStrategy {

  CheckAnswer check();

  /** What is checked, for messages, e.g. {@code GET http://127.0.0.1:3210/version}. */
  String describe();

  /**
   * The strategy {@code spec.readiness()} asks for, checking the container named {@code container}
   * (which may differ from {@code spec.name()} while a replacement starts).
   */
  static ReadinessStrategy of(
      HostDriver host, String container, ContainerResource spec, HttpProbe http) {
    Readiness readiness = spec.readiness();
    return switch (readiness.kind()) {
      case RUNNING -> new RunningReadiness(host, container);
      case POSTGRES -> new PostgresReadiness(host, container, readiness.containerPort());
      case HTTP ->
          new HttpReadiness(
              http, host.endpoint(published(spec, readiness.containerPort())), readiness.path());
    };
  }

  private static PortBinding published(ContainerResource spec, int containerPort) {
    return spec.ports().stream()
        .filter(p -> p.containerPort() == containerPort)
        .findFirst()
        .orElseThrow(
            () ->
                ProvisionException.of(
                    "container "
                        + spec.name()
                        + " has an HTTP readiness check on port "
                        + containerPort
                        + ", but that port is not published",
                    "Publish the port in the spec, or use a readiness check of kind RUNNING."));
  }
}
