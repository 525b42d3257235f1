package dev.provision.driver.ssh;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reachable server whose Docker is not usable is refused at connect time with the fix: no docker
 * command there, or a user outside the docker group.
 */
class SshRemoteDockerIT {

  @Test
  void aServerWithoutDockerIsNamed(@TempDir Path dir) throws IOException {
    try (SshServer server = SshServer.start(dir, "provision-test/sshd:latest", "root")) {
      assertThatThrownBy(() -> SshHostDriver.connect(server.target(), Map.of()))
          .isInstanceOf(ProvisionException.class)
          .hasMessageContaining("there is no docker command on ssh root@127.0.0.1:" + server.port)
          .hasMessageContaining("install Docker on the server");
    }
  }

  @Test
  void aUserOutsideTheDockerGroupIsToldToJoinIt(@TempDir Path dir) throws IOException {
    try (SshServer server = SshServer.start(dir, SshServer.IMAGE, "deploy")) {
      assertThatThrownBy(() -> SshHostDriver.connect(server.target(), Map.of()))
          .isInstanceOf(ProvisionException.class)
          .hasMessageContaining(
              "user deploy may not use the Docker engine on ssh deploy@127.0.0.1:" + server.port)
          .hasMessageContaining("permission denied")
          .hasMessageContaining("usermod -aG docker deploy");
    }
  }
}
