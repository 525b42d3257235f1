package dev.provision.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.FakeHostDriver;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.DesiredState;
import dev.provision.model.PortBinding;
import dev.provision.model.Value;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A failed read of the deployment env vars is a warning, unless the link to the target died. */
class DeploymentEnvObservationTest {
  private static final String DEPLOYMENT = "demo";

  @Test
  void aReadCutByALostLinkIsAnErrorNotMissingVariables() throws IOException {
    FakeHostDriver host = runningBackend();
    ProvisionException lost =
        ProvisionException.of("lost the SSH connection to h:22 (user u)", "check the network");
    host.loseConnection(lost);

    assertThatThrownBy(() -> read(host, new ArrayList<>())).isSameAs(lost);
  }

  @Test
  void aReadThatFailsOnAWorkingLinkIsAWarning() throws IOException {
    FakeHostDriver host = runningBackend();
    List<Diagnostic> warnings = new ArrayList<>();

    assertThat(read(host, warnings)).isEmpty();
    assertThat(warnings)
        .singleElement()
        .satisfies(w -> assertThat(w.message()).startsWith("could not read the deployment env"));
  }

  private static Optional<?> read(FakeHostDriver host, List<Diagnostic> warnings) {
    return DeploymentEnvObservation.read(
        host,
        host.observe(DEPLOYMENT),
        new DesiredState(DEPLOYMENT, new TreeMap<>()),
        Optional.of(Value.secret("a".repeat(64))),
        warnings);
  }

  /** A running backend whose API port has nothing listening (the read fails at once). */
  private static FakeHostDriver runningBackend() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    FakeHostDriver host = new FakeHostDriver().addImage("backend:1");
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
    host.createContainer(DEPLOYMENT, backend, backend.name(), "h");
    host.startContainer(backend.name());
    return host;
  }
}
