package dev.provision.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.HelperRun;
import dev.provision.driver.HostDriver;
import dev.provision.driver.HostDriverContract;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.PortBinding;
import dev.provision.model.Target;
import dev.provision.model.VolumeResource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host driver contract against the real local Docker engine, plus what only Docker has: the
 * negotiated API version, loopback-only publishing, pull and connection failures.
 */
class DockerHostDriverIT extends HostDriverContract {

  @Override
  protected HostDriver newDriver() {
    return DockerHostDriver.connect(Target.Docker.local());
  }

  @Override
  protected String image() {
    return "provision-test/base:latest";
  }

  @Override
  protected String prefix() {
    return "pt-docker-";
  }

  @Test
  void negotiatesTheApiVersionWithoutAnyProperty() {
    String pinned = System.clearProperty("api.version");
    try (HostDriver fresh = DockerHostDriver.connect(Target.Docker.local(), Map.of())) {
      assertThat(fresh.describe())
          .isEqualTo("docker " + DockerEndpoint.DEFAULT_HOST + " (API 1.41)");
      assertThat(fresh.observe(deployment).resources()).isEmpty();
    } finally {
      if (pinned != null) {
        System.setProperty("api.version", pinned);
      }
    }
  }

  @Test
  void publishesOnLoopbackOnlyAndTheEndpointAnswers() throws IOException {
    ContainerResource spec = fullSpec("web", idle());
    String name = started(spec);
    PortBinding binding = spec.ports().get(0);

    JsonNode ports =
        ((DockerHostDriver) driver)
            .connection()
            .getJson("/containers/" + name + "/json")
            .orElseThrow()
            .path("NetworkSettings")
            .path("Ports")
            .path("8080/tcp");
    assertThat(ports).hasSize(1);
    assertThat(ports.get(0).path("HostIp").asText()).isEqualTo("127.0.0.1");
    assertThat(ports.get(0).path("HostPort").asText())
        .isEqualTo(String.valueOf(binding.hostPort()));

    URI endpoint = driver.endpoint(binding);
    assertThat(endpoint).isEqualTo(URI.create("http://127.0.0.1:" + binding.hostPort()));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5000);
      assertThat(socket.isConnected()).isTrue();
    }
    assertThat(driver.endpoint(new PortBinding("0.0.0.0", 8443, 443)))
        .isEqualTo(URI.create("http://127.0.0.1:8443"));
  }

  @Test
  void secretsNeverAppearInCreateFailures() {
    ContainerResource spec = fullSpec("dup", idle());
    driver.createContainer(deployment, spec, spec.name(), "h");

    assertThatThrownBy(() -> driver.createContainer(deployment, spec, spec.name(), "h"))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("creating container " + spec.name())
        .hasMessageContaining("Conflict")
        .hasMessageNotContaining("s3cr3t-value");
  }

  @Test
  void aContainerOnANetworkWhoseNameReadsAsAPatternIsSeenOnIt() {
    // the engine matches a network filter as a regular expression: the name is asked for quoted;
    // the network is another deployment's, so it is not among the ones listed by this one's label
    String network = name("n(1)+.x");
    driver.createNetwork(
        deployment + "-other",
        new NetworkResource(Address.of(Address.Kind.NETWORK, "rx"), network));
    networks.add(network);
    containers.add(name("rx"));
    ContainerResource spec =
        new ContainerResource(
            Address.of(Address.Kind.CONTAINER, "rx"),
            name("rx"),
            image(),
            new java.util.TreeMap<>(),
            List.of(),
            List.of(),
            network,
            "rx",
            idle(),
            "no",
            "SIGTERM",
            7,
            null,
            List.of(),
            null);
    driver.createContainer(deployment, spec, spec.name(), "h");
    assertThat(observedNetwork(spec)).isEqualTo(network); // created: named, no id yet

    driver.startContainer(spec.name());
    assertThat(observedNetwork(spec)).isEqualTo(network); // running: by the network's id
  }

  private String observedNetwork(ContainerResource spec) {
    return ((ContainerResource)
            driver.observe(deployment).resources().get(spec.address()).resource())
        .network();
  }

  @Test
  void volumeUsersReadAnotherWritersRestartPolicyAndProvisionsOwnFromTheList() throws Exception {
    ContainerResource mine = fullSpec("mine", idle()); // mounts name("data")
    driver.createContainer(deployment, mine, mine.name(), "h");
    driver.startContainer(mine.name());
    String other = name("by-hand");
    containers.add(other);
    Process p =
        new ProcessBuilder(
                "docker",
                "run",
                "-d",
                "--name",
                other,
                "--restart",
                "on-failure:3",
                "-v",
                name("data") + ":/data",
                image(),
                "sh",
                "-c",
                "sleep 600")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();

    Map<String, dev.provision.driver.VolumeUser> users = new java.util.HashMap<>();
    driver.volumeUsers(name("data")).forEach(u -> users.put(u.name(), u));

    assertThat(users).containsOnlyKeys(mine.name(), other);
    assertThat(users.get(other).restartPolicy()).isEqualTo("on-failure:3");
    assertThat(users.get(other).running()).isTrue();
    assertThat(users.get(other).labels()).doesNotContainKey("dev.provision.deployment");
    assertThat(users.get(mine.name()).running()).isTrue();
    assertThat(users.get(mine.name()).image()).isEqualTo(image());
    assertThat(users.get(mine.name()).labels())
        .containsEntry("dev.provision.deployment", deployment);
  }

  @Test
  void ownNetworksAndVolumesAreCreatedOnceOthersAreRefused() {
    NetworkResource net = new NetworkResource(Address.of(Address.Kind.NETWORK, "n"), name("n"));
    VolumeResource vol = new VolumeResource(Address.of(Address.Kind.VOLUME, "v"), name("v"));
    driver.createNetwork(deployment, net);
    driver.createNetwork(deployment, net);
    driver.createVolume(deployment, vol);
    driver.createVolume(deployment, vol);

    assertThat(driver.observe(deployment).resources()).hasSize(2);
    assertThatThrownBy(() -> driver.createNetwork(deployment + "-other", net))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("network " + name("n") + " already exists")
        .hasMessageContaining("owned by deployment " + deployment);
    assertThatThrownBy(() -> driver.createVolume(deployment + "-other", vol))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("volume " + name("v") + " already exists");
  }

  @Test
  void aMissingImageIsNamedBeforeCreating() {
    ContainerResource spec = simpleSpec("noimage", idle(), "no");
    ContainerResource missing =
        new ContainerResource(
            spec.address(),
            spec.name(),
            "pt-docker-missing/none:never",
            spec.env(),
            spec.ports(),
            spec.mounts(),
            null,
            null,
            spec.command(),
            "no",
            "SIGTERM",
            5,
            null,
            List.of(),
            null);

    assertThatThrownBy(() -> driver.createContainer(deployment, missing, missing.name(), "h"))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("image pt-docker-missing/none:never is not on Docker")
        .hasMessageContaining("docker load");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aFailedPullNamesTheImageAndTheRegistryAnswer() {
    List<String> progress = new ArrayList<>();

    assertThatThrownBy(() -> driver.pullImage("127.0.0.1:1/none:latest", progress::add))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("pulling image 127.0.0.1:1/none:latest failed")
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageContaining("connection refused")
        .hasMessageContaining("hint:");
  }

  /**
   * Raw calls on the local socket go through the small client of whole answers: a list as long as
   * the engine's (chunked once it passes a few KiB), a conflict and a missing object as answers,
   * the same objects docker-java's own client sees.
   */
  @Test
  void rawCallsOnTheLocalSocketReadWholeAnswersAsDockerJavaDoes() {
    ContainerResource spec = fullSpec("seen", idle());
    started(spec);
    try (DockerHostDriver fresh = DockerHostDriver.connect(Target.Docker.local(), Map.of())) {
      assertThat(fresh.observe(deployment).resources()).containsKey(spec.address());
      assertThat(fresh.readLock(deployment)).isEmpty();
      assertThat(fresh.connection().generalMade()).as("docker-java set up to look").isFalse();
    }
    DockerConnection connection = ((DockerHostDriver) driver).connection();
    JsonNode images = connection.getJson("/images/json").orElseThrow();
    assertThat(images.size())
        .isEqualTo(connection.client().listImagesCmd().exec().size())
        .isPositive();

    String name = name("raw");
    JsonNode body =
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("Image", image());
    DockerConnection.Answer created =
        connection.exchange("POST", "/containers/create?name=" + name, body);
    DockerConnection.Answer again;
    String id = created.body().path("Id").asText();
    DockerConnection.Answer removed;
    try {
      again = connection.exchange("POST", "/containers/create?name=" + name, body);
      assertThat(connection.client().inspectContainerCmd(name).exec().getId()).isEqualTo(id);
    } finally {
      removed = connection.exchange("DELETE", "/containers/" + name + "?force=true", null);
    }

    assertThat(created.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.message()).contains("Conflict").contains(name);
    assertThat(removed.status()).isEqualTo(204);
    assertThat(connection.getJson("/containers/" + id + "/json")).isEmpty();
  }

  @Test
  void aMissingSocketIsAClearError() {
    String host = "unix:///tmp/" + deployment + "-missing.sock";

    assertThatThrownBy(
            () -> DockerHostDriver.connect(Target.Docker.local(), Map.of("DOCKER_HOST", host)))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("cannot reach the Docker engine at " + host)
        .hasMessageContaining("does not exist")
        .hasMessageContaining("DOCKER_HOST");
  }

  @Test
  void aSocketNobodyListensOnIsAClearError(@TempDir Path dir) throws IOException {
    Path socket = dir.resolve("docker.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
    }
    assertThat(Files.exists(socket)).isTrue();
    String host = "unix://" + socket;

    assertThatThrownBy(
            () -> DockerHostDriver.connect(new Target.Docker(host, null, false), Map.of()))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("cannot reach the Docker engine at " + host)
        .hasMessageContaining("start it");
  }

  @Test
  void aHelperRunsWithItsEnvironmentOnItsNetworkWithItsInputAndKeepsItsOutput(@TempDir Path dir)
      throws Exception {
    String network = name("net");
    driver.createNetwork(
        deployment, new NetworkResource(Address.of(Address.Kind.NETWORK, "net"), network));
    Files.writeString(dir.resolve("in.txt"), "from the input");
    Path tar = dir.resolve("in.tar");
    Process p =
        new ProcessBuilder("tar", "-cf", tar.toString(), "-C", dir.toString(), "in.txt").start();
    assertThat(p.waitFor()).isZero();
    String helper = name("helper");
    containers.add(helper);
    HelperRun run =
        HelperRun.onNetwork(
                helper,
                image(),
                List.of("sh", "-c", "cat /tmp/in.txt && echo \" $GREETING\" && exit 3"),
                Map.of("GREETING", "not-in-argv"),
                network)
            .withInput(tar, "/tmp");

    assertThat(run.toString()).contains("GREETING").doesNotContain("not-in-argv");
    assertThat(driver.runHelper(run)).isEqualTo(3);
    assertThat(String.join("\n", driver.logTail(helper, 5)))
        .isEqualTo("from the input not-in-argv");
    Process inspect =
        new ProcessBuilder(
                "docker",
                "inspect",
                "-f",
                "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}",
                helper)
            .start();
    assertThat(new String(inspect.getInputStream().readAllBytes()).strip()).isEqualTo(network);
    driver.removeContainer(helper);
  }
}
