package dev.provision.driver.docker;

import static dev.provision.driver.docker.FakeEngine.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a connection learns the engine's API version from {@code /_ping} when that names one this
 * client speaks, and from {@code /version} otherwise, with the same choice and the same refusals as
 * {@code /version} alone gave (a fake engine on a real unix socket).
 */
@Timeout(30)
class ApiVersionProbeTest {
  @TempDir Path dir;

  private static final String VERSION_NEWER =
      "{\"ApiVersion\":\"1.52\",\"MinAPIVersion\":\"1.45\",\"Version\":\"30.0.0\"}";

  private static byte[] answer(String request, String pingVersion, String version) {
    if (request.startsWith("GET /_ping ")) {
      return pingVersion == null
          ? bytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
          : bytes(
              "HTTP/1.1 200 OK\r\nApi-Version: " + pingVersion + "\r\nContent-Length: 2\r\n\r\nOK");
    }
    if (request.startsWith("GET /version ")) {
      return bytes("HTTP/1.1 200 OK\r\nContent-Length: " + version.length() + "\r\n\r\n" + version);
    }
    return bytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
  }

  private DockerConnection open(FakeEngine engine) {
    return DockerConnection.open(
        new DockerEndpoint(URI.create("unix://" + engine.socket()), null),
        dir.resolve("docker-config").toString());
  }

  @Test
  void aVersionThisClientSpeaksComesFromThePingAlone() throws Exception {
    try (FakeEngine engine =
            FakeEngine.serving(dir.resolve("a.sock"), r -> answer(r, "1.41", "{}"));
        DockerConnection connection = open(engine)) {
      assertThat(connection.apiVersion()).isEqualTo("1.41");
      assertThat(engine.requests()).hasSize(1);
      assertThat(engine.last()).startsWith("GET /_ping HTTP/1.1\r\n");
    }
  }

  @Test
  void aNewerEngineIsAskedForItsOldestVersionAndRefusedWhenItNeedsANewerOne() throws Exception {
    try (FakeEngine engine =
        FakeEngine.serving(dir.resolve("b.sock"), r -> answer(r, "1.52", VERSION_NEWER))) {
      assertThatThrownBy(() -> open(engine))
          .isInstanceOf(ProvisionException.class)
          .hasMessageContaining("needs API 1.45 or newer");
      assertThat(engine.last()).startsWith("GET /version HTTP/1.1\r\n");
    }
    String accepts = "{\"ApiVersion\":\"1.52\",\"MinAPIVersion\":\"1.24\"}";
    try (FakeEngine engine =
            FakeEngine.serving(dir.resolve("c.sock"), r -> answer(r, "1.52", accepts));
        DockerConnection connection = open(engine)) {
      assertThat(connection.apiVersion()).isEqualTo(ApiVersionChoice.CLIENT_MAX);
    }
  }

  @Test
  void withoutAVersionInThePingVersionIsAsked() throws Exception {
    String old = "{\"ApiVersion\":\"1.40\",\"MinAPIVersion\":\"1.12\"}";
    try (FakeEngine engine = FakeEngine.serving(dir.resolve("d.sock"), r -> answer(r, null, old));
        DockerConnection connection = open(engine)) {
      assertThat(connection.apiVersion()).isEqualTo("1.40");
      assertThat(engine.requests()).hasSize(2);
    }
    try (FakeEngine engine =
        FakeEngine.serving(
            dir.resolve("e.sock"), r -> answer(r, "1.20", "{\"ApiVersion\":\"1.20\"}"))) {
      assertThatThrownBy(() -> open(engine)).hasMessageContaining("older than 1.25");
    }
    try (FakeEngine engine =
        FakeEngine.serving(dir.resolve("f.sock"), r -> answer(r, "garbage", "{}"))) {
      assertThatThrownBy(() -> open(engine)).hasMessageContaining("did not report its API version");
    }
  }
}
