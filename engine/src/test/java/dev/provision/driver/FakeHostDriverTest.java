package dev.provision.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.exec.Fixtures;
import dev.provision.model.Address;
import dev.provision.model.NetworkResource;
import dev.provision.model.VolumeResource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The double behaves as a Docker engine does where the executor's tests rely on it. */
class FakeHostDriverTest {
  private final FakeHostDriver host = new FakeHostDriver();

  @BeforeEach
  void setUp() {
    host.addImage("app:1", Map.of("version", "1"), Map.of("/etc/app.conf", "port=3210\n"));
    host.createNetwork(
        "demo", new NetworkResource(Address.of(Address.Kind.NETWORK, "main"), "demo-net"));
  }

  @Test
  void twoRunningContainersCannotPublishTheSameHostPort() {
    host.createContainer("demo", Fixtures.web("app:1", 8080), "a", "h");
    host.createContainer("demo", Fixtures.web("app:1", 8080), "b", "h");
    host.startContainer("a");

    assertThatThrownBy(() -> host.startContainer("b"))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("port 8080 is already allocated by a");
  }

  @Test
  void namesAreTakenOnceAndRemovingAMissingContainerIsFine() {
    host.createContainer("demo", Fixtures.web("app:1", 8080), "a", "h");
    host.createContainer("demo", Fixtures.web("app:1", 8081), "b", "h");

    assertThatThrownBy(() -> host.createContainer("demo", Fixtures.web("app:1", 1), "a", "h"))
        .hasMessageContaining("already in use");
    assertThatThrownBy(() -> host.renameContainer("a", "b")).hasMessageContaining("in use");
    host.removeContainer("ghost");
  }

  @Test
  void execNeedsARunningContainerAndFilesComeFromTheImage() {
    host.createContainer("demo", Fixtures.web("app:1", 8080), "a", "h");
    assertThat(host.readFile("a", "/etc/app.conf").map(b -> new String(b, StandardCharsets.UTF_8)))
        .contains("port=3210\n");
    assertThat(host.readFile("a", "/nope")).isEmpty();
    assertThatThrownBy(() -> host.exec("a", List.of("true"))).hasMessageContaining("not running");

    host.startContainer("a");
    assertThat(host.exec("a", List.of("echo", "hi"))).isEqualTo(new ExecResult(0, "hi\n", ""));
    assertThat(host.exec("a", List.of("nope")).exitCode()).isEqualTo(127);
  }

  @Test
  void observeFindsWhatTheDeploymentOwnsWithLabelsAndStatus() {
    host.createVolume(
        "demo", new VolumeResource(Address.of(Address.Kind.VOLUME, "data"), "demo-data"));
    host.createVolume(
        "other", new VolumeResource(Address.of(Address.Kind.VOLUME, "data"), "other-data"));
    host.createContainer("demo", Fixtures.web("app:1", 8080), "web", "h1");
    host.startContainer("web");

    assertThat(host.observe("demo").resources().keySet())
        .extracting(Address::toString)
        .containsExactly("container.web", "network.main", "volume.data");
    assertThat(
            host.observe("demo")
                .resources()
                .get(Address.of(Address.Kind.CONTAINER, "web"))
                .appliedHash())
        .isEqualTo("h1");
    assertThat(host.inspectContainer("web").orElseThrow().labels())
        .containsEntry(Labels.DEPLOYMENT, "demo")
        .containsEntry(Labels.SENSITIVE_KEYS, "SECRET");
    assertThat(host.imageLabels("app:1")).containsEntry("version", "1");
  }

  @Test
  void aVolumeInUseCannotBeRemoved() {
    host.createVolume(
        "demo", new VolumeResource(Address.of(Address.Kind.VOLUME, "data"), "demo-data"));
    host.addImage("pg:16");
    host.createContainer("demo", Fixtures.postgres("pg:16", "demo-data"), "db", "h");

    assertThatThrownBy(() -> host.removeVolume("demo-data")).hasMessageContaining("in use");
  }

  @Test
  void scriptedFailuresAndCallsAreRecorded() {
    host.failOn("startContainer", "a");
    host.createContainer("demo", Fixtures.web("app:1", 8080), "a", "h");

    assertThatThrownBy(() -> host.startContainer("a")).hasMessageContaining("scripted failure");
    assertThat(host.calls()).endsWith("createContainer a", "startContainer a");
  }
}
