package dev.provision.driver.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.HostDriver;
import dev.provision.driver.docker.DockerHostDriver;
import dev.provision.exec.ready.HttpProbe;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.PortBinding;
import dev.provision.model.Target;
import dev.provision.testing.TcpRelay;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SSH target over a link with 1 s one-way delay (a {@link TcpRelay} in front of a real sshd):
 * connecting, a Docker call and a readiness probe through a port forward all work, because the
 * probe's timeout grows with the round trip measured on connect (a fixed 2 s probe cannot answer).
 * The full apply at this delay (minutes) is the CLI's {@code SshSlowLinkApplyIT}; this test covers
 * the path a readiness wait uses, quickly.
 */
class SshSlowLinkIT {

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void aReadinessProbeWorksAtOneSecondOneWayDelay() throws IOException {
    String name = "pt-sshslow-" + UUID.randomUUID().toString().substring(0, 8);
    PortBinding binding = new PortBinding("127.0.0.1", SshServer.freePort(), 3210);
    try (SshServer server = SshServer.inTempDir("pt-sshslow-");
        DockerHostDriver local = DockerHostDriver.connect(new Target.Docker(null, null, false))) {
      ContainerResource backend =
          new ContainerResource(
              Address.of(Address.Kind.CONTAINER, "backend"),
              name,
              "provision-test/convex-backend:latest",
              new TreeMap<>(),
              List.of(binding),
              List.of(),
              null,
              null,
              List.of(),
              "no",
              "SIGINT",
              5,
              null,
              List.of(),
              null);
      local.createContainer(name, backend, name, "h");
      local.startContainer(name);
      try (TcpRelay relay = TcpRelay.start(server.port)) {
        relay.delay(Duration.ofSeconds(1));
        try (HostDriver driver = SshHostDriver.connect(server.through(relay), Map.of())) {
          assertThat(driver.roundTrip()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
          assertThat(driver.inspectContainer(name)).isPresent();
          URI version = driver.endpoint(binding).resolve("/version");

          assertThat(HttpProbe.jdk(Duration.ofSeconds(2)).get(version).ready()).isFalse();
          assertThat(
                  HttpProbe.jdk(Duration.ofSeconds(2))
                      .over(driver.roundTrip())
                      .get(version)
                      .ready())
              .isTrue();
        }
      } finally {
        local.removeContainer(name);
      }
    }
  }
}
