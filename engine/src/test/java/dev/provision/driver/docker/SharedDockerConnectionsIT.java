package dev.provision.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.HostDriver;
import dev.provision.model.Target;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployments of one run on one engine share its connection, on the real local engine. */
class SharedDockerConnectionsIT {

  @Test
  void deploymentsOnOneEngineShareOneConnectionUntilTheRunEnds() {
    HostDriver first;
    HostDriver second;
    try (SharedDockerConnections engines = new SharedDockerConnections(Map.of())) {
      first = engines.driver(Target.Docker.local());
      second = engines.driver(new Target.Docker(DockerEndpoint.DEFAULT_HOST, null, false));
      assertThat(((DockerHostDriver) second).connection())
          .isSameAs(((DockerHostDriver) first).connection());

      first.close(); // one deployment ends: the others go on over the same connection
      assertThat(second.observe("pt-shared-none").resources()).isEmpty();
      second.close();
    }
    SharedDockerConnections ended = new SharedDockerConnections(Map.of());
    ended.close();
    assertThatThrownBy(() -> ended.driver(Target.Docker.local()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anEngineThatCannotBeReachedFailsEveryDeploymentOnItWithOneError(@TempDir Path dir) {
    Target.Docker gone = new Target.Docker("unix://" + dir.resolve("none.sock"), null, false);
    try (SharedDockerConnections engines = new SharedDockerConnections(Map.of())) {
      Throwable first = org.assertj.core.api.Assertions.catchThrowable(() -> engines.driver(gone));
      Throwable second = org.assertj.core.api.Assertions.catchThrowable(() -> engines.driver(gone));

      assertThat(first).isInstanceOf(ProvisionException.class).hasMessageContaining("none.sock");
      // the kept error, tried once (OpenedOnceTest counts the tries), a copy for each deployment
      assertThat(second).isInstanceOf(ProvisionException.class).hasMessage(first.getMessage());
      // another engine in the same run is not held up by it
      try (HostDriver local = engines.driver(Target.Docker.local())) {
        assertThat(local.describe()).startsWith("docker " + DockerEndpoint.DEFAULT_HOST);
      }
    }
  }
}
