package dev.provision.driver.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.HostDriver;
import dev.provision.driver.HostDriverContract;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Mount;
import dev.provision.model.PortBinding;
import dev.provision.model.Target;
import dev.provision.model.VolumeResource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The host driver contract over a real sshd (the server's docker client reaching this machine's
 * engine), plus what only SSH has: tunnels to published ports, host key policies and clear
 * connection and authentication errors.
 */
class SshHostDriverIT extends HostDriverContract {
  private static Path dir;
  private static SshServer server;

  @BeforeAll
  static void startServer() throws IOException {
    dir = Files.createTempDirectory("pt-ssh-");
    server = SshServer.start(dir);
  }

  @AfterAll
  static void stopServer() throws IOException {
    if (server != null) {
      server.close();
    }
    SshServer.run(List.of("rm", "-rf", dir.toString()), 30);
  }

  @Override
  protected HostDriver newDriver() {
    return SshHostDriver.connect(server.target(), Map.of());
  }

  @Override
  protected String image() {
    return "provision-test/base:latest";
  }

  @Override
  protected String prefix() {
    return "pt-ssh-";
  }

  @Test
  void describesTheServer() {
    assertThat(driver.describe()).isEqualTo("ssh root@127.0.0.1:" + server.port);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void endpointTunnelsToAPortPublishedOnTheServer() throws Exception {
    driver.createVolume(
        deployment, new VolumeResource(Address.of(Address.Kind.VOLUME, "data"), name("data")));
    PortBinding binding = new PortBinding("127.0.0.1", freePort(), 3210);
    ContainerResource backend =
        new ContainerResource(
            Address.of(Address.Kind.CONTAINER, "backend"),
            name("backend"),
            "provision-test/convex-backend:latest",
            new TreeMap<>(),
            List.of(binding),
            List.of(Mount.volume(name("data"), "/convex/data")),
            null,
            null,
            List.of(),
            "no",
            "SIGINT",
            5,
            null,
            List.of(),
            null);
    driver.createContainer(deployment, backend, backend.name(), "h");
    driver.startContainer(backend.name());

    URI endpoint = driver.endpoint(binding);

    assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
    assertThat(endpoint.getPort()).isNotEqualTo(binding.hostPort());
    assertThat(driver.endpoint(binding)).isEqualTo(endpoint);
    assertThat(awaitVersion(endpoint.resolve("/version"))).isEqualTo("standin-1");
  }

  @Test
  void strictRefusesAnUnknownHostNamingItsFingerprint() throws IOException {
    Path empty = Files.createTempFile(dir, "known_hosts", "");
    Target.Ssh target = server.target(server.key, Target.KnownHosts.STRICT, empty);

    String known = SshServer.fingerprints(server.knownHosts);

    assertThatThrownBy(() -> SshHostDriver.connect(target, Map.of()))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("the host key of [127.0.0.1]:" + server.port)
        .hasMessageContaining("SHA256:")
        .satisfies(e -> assertThat(known).contains(fingerprintIn(e.getMessage())))
        .hasMessageContaining("is not in " + empty)
        .hasMessageContaining("ssh-keyscan -p " + server.port + " 127.0.0.1")
        .hasMessageContaining("knownHosts: accept-new");
  }

  @Test
  void acceptNewRecordsTheKeyThenStrictAcceptsIt() throws IOException {
    Path file = dir.resolve("new-" + deployment).resolve("known_hosts");
    Target.Ssh acceptNew = server.target(server.key, Target.KnownHosts.ACCEPT_NEW, file);
    try (HostDriver first = SshHostDriver.connect(acceptNew, Map.of())) {
      assertThat(first.hasImage(image())).isTrue();
    }
    assertThat(Files.readString(file)).startsWith("[127.0.0.1]:" + server.port + " ");

    Target.Ssh strict = server.target(server.key, Target.KnownHosts.STRICT, file);
    try (HostDriver again = SshHostDriver.connect(strict, Map.of())) {
      assertThat(again.hasImage(image())).isTrue();
    }
  }

  @Test
  void aChangedHostKeyIsRefusedEvenWithAcceptNew() throws IOException {
    Path other = SshServer.newKey(dir, "fake-host-" + deployment);
    String[] pub = Files.readString(Path.of(other + ".pub")).trim().split(" ");
    Path file = dir.resolve("changed-" + deployment);
    Files.writeString(file, "[127.0.0.1]:" + server.port + " " + pub[0] + " " + pub[1] + "\n");
    Target.Ssh target = server.target(server.key, Target.KnownHosts.ACCEPT_NEW, file);

    assertThatThrownBy(() -> SshHostDriver.connect(target, Map.of()))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("has CHANGED")
        .hasMessageContaining("SHA256:")
        .hasMessageContaining("ssh-keygen -R");
  }

  @Test
  void aWrongKeyIsAClearAuthenticationError() {
    Path wrong = SshServer.newKey(dir, "wrong-" + deployment);
    Target.Ssh target = server.target(wrong, Target.KnownHosts.STRICT, server.knownHosts);

    assertThatThrownBy(() -> SshHostDriver.connect(target, Map.of()))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining(
            "ssh root@127.0.0.1:"
                + server.port
                + " refused public-key authentication for user root")
        .hasMessageContaining("authorized_keys");
  }

  @Test
  void aMissingIdentityFileIsNamed() {
    Path missing = dir.resolve("no-such-key");
    Target.Ssh target = server.target(missing, Target.KnownHosts.STRICT, server.knownHosts);

    assertThatThrownBy(() -> SshHostDriver.connect(target, Map.of()))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("the identity file " + missing + " for ssh root@127.0.0.1:")
        .hasMessageContaining("does not exist");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aPortNobodyListensOnIsAClearError() {
    int port = freePort();
    Target.Ssh target =
        new Target.Ssh(
            "127.0.0.1",
            port,
            "root",
            server.key.toString(),
            Target.KnownHosts.STRICT,
            server.knownHosts.toString());

    assertThatThrownBy(() -> SshHostDriver.connect(target, Map.of()))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("cannot reach ssh root@127.0.0.1:" + port + ": connection refused")
        .hasMessageContaining("sshd runs");
  }

  private static String fingerprintIn(String message) {
    int start = message.indexOf("SHA256:");
    int end = message.indexOf(')', start);
    return message.substring(start, end);
  }

  private static String awaitVersion(URI uri) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return response.body().trim();
        }
        last = "HTTP " + response.statusCode();
      } catch (IOException notYet) {
        last = String.valueOf(notYet);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("GET " + uri + " did not answer 200 within 60 s: " + last);
  }
}
