package dev.provision.observe;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.FakeHostDriver;
import dev.provision.driver.convex.ConvexAdminApi;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.PortBinding;
import dev.provision.model.Value;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** An admin API call cut by a lost link names the link; on a working link, the backend. */
class ConvexAccessTest {

  @Test
  void aCallCutByALostLinkNamesTheLink() throws IOException {
    FakeHostDriver host = new FakeHostDriver();
    ProvisionException lost =
        ProvisionException.of("lost the SSH connection to h:22 (user u)", "check the network");
    host.loseConnection(lost);

    assertThatThrownBy(() -> api(host).version()).isSameAs(lost);
    assertThatThrownBy(() -> api(host).listEnvironmentVariables()).isSameAs(lost);
  }

  @Test
  void aCallThatFailsOnAWorkingLinkNamesTheBackend() throws IOException {
    assertThatThrownBy(() -> api(new FakeHostDriver()).version())
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("could not reach the Convex backend at http://127.0.0.1:");
  }

  /** The API of a backend whose port has nothing listening (every call fails at once). */
  private static ConvexAdminApi api(FakeHostDriver host) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ContainerResource backend =
        new ContainerResource(
            Address.of(Address.Kind.CONTAINER, "backend"),
            "demo-backend",
            "backend:1",
            new TreeMap<>(Map.of()),
            List.of(new PortBinding("127.0.0.1", port, 3210)),
            List.of(),
            null,
            null,
            List.of(),
            "no",
            "SIGTERM",
            5,
            null,
            List.of(),
            null);
    return ConvexAccess.open(host, backend, "demo", Value.secret("a".repeat(64)));
  }
}
