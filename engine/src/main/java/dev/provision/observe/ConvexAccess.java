package dev.provision.observe;

import dev.provision.convex.BackendContainer;
import dev.provision.convex.Keys;
import dev.provision.desired.Names;
import dev.provision.driver.HostDriver;
import dev.provision.driver.convex.ConvexAdminApi;
import dev.provision.driver.convex.HttpConvexAdminApi;
import dev.provision.model.ContainerResource;
import dev.provision.model.DesiredState;
import dev.provision.model.PortBinding;
import dev.provision.model.Value;
import java.time.Duration;

/**
 * Opens the Convex admin API of a deployment's backend: through the host driver's endpoint for the
 * published API port, with an admin key derived locally from the instance name and secret (no
 * {@code docker exec}, no key ever stored). Over a link with a round trip (SSH), each call gets
 * that much more time (a channel open, the request and the answer through the forward), and a call
 * that fails on a lost link reports the link.
 */
public final class ConvexAccess {
  private ConvexAccess() {}

  /** The API of the backend the desired state describes (once apply has started it). */
  public static ConvexAdminApi open(HostDriver host, DesiredState desired, Value instanceSecret) {
    ContainerResource backend = (ContainerResource) desired.resources().get(Names.BACKEND);
    return open(host, backend, desired.deployment(), instanceSecret);
  }

  /**
   * The API of {@code backend} as it is published: a plan reads the running backend through the
   * port it has now, which a pending change may move.
   */
  public static ConvexAdminApi open(
      HostDriver host, ContainerResource backend, String deployment, Value instanceSecret) {
    Duration roundTrip = host.roundTrip();
    ConvexAdminApi http =
        new HttpConvexAdminApi(
            endpoint(host, backend),
            Keys.adminKey(deployment, instanceSecret),
            HttpConvexAdminApi.DEFAULT_CONNECT_TIMEOUT.plus(roundTrip.multipliedBy(3)),
            HttpConvexAdminApi.DEFAULT_REQUEST_TIMEOUT.plus(roundTrip.multipliedBy(4)));
    return new LinkGuardedApi(http, host);
  }

  /** Where {@code backend}'s API port is published, as {@code host} reaches it. */
  public static java.net.URI endpoint(HostDriver host, ContainerResource backend) {
    PortBinding api =
        backend.ports().stream()
            .filter(p -> p.containerPort() == BackendContainer.API_PORT)
            .findFirst()
            .orElseThrow(
                () ->
                    dev.provision.diag.ProvisionException.of(
                        "the backend container " + backend.name() + " publishes no API port",
                        "run apply to recreate it with the spec's ports"));
    return host.endpoint(api);
  }
}
