package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.HostDriver;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A broken upgrade (a backend image that exits at once) fails with exit code 1 and its cause, and
 * the previous backend keeps serving: nothing half-made is left behind.
 */
class FailedApplyIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();

  /** An image whose default command exits at once; configurable for runs against real images. */
  static String failingImage() {
    return E2e.image("PROVISION_TEST_FAILING_IMAGE", "provision-test/base:latest");
  }

  @Test
  void aBackendThatExitsAtOnceLeavesThePreviousOneServing() throws Exception {
    try (E2e e = new E2e()) {
      E2e.Run good = e.run("apply", SPEC, "--set", "dashboard.enabled=false", "--yes");
      assertThat(good.code()).as(good.all()).isZero();

      E2e.Run bad =
          e.run(
              "apply",
              SPEC,
              "--set",
              "dashboard.enabled=false",
              "--set",
              "backend.image=" + failingImage(),
              "--set",
              "dashboard.allowVersionMismatch=true",
              "--yes");
      assertThat(bad.code()).as(bad.all()).isEqualTo(1);
      assertThat(bad.err()).contains("exited").contains("before it was ready");
      assertThat(bad.out()).contains("rolled back");

      assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
      try (HostDriver docker = e.docker()) {
        var live = docker.observe(e.deployment).resources();
        assertThat(live.keySet())
            .extracting(Address::toString)
            .containsExactlyInAnyOrder("container.backend", "network.default", "volume.data");
        ContainerResource backend =
            (ContainerResource) live.get(Address.parse("container.backend")).resource();
        assertThat(backend.image()).isEqualTo(E2e.backendImage());
        assertThat(live.get(Address.parse("container.backend")).status().running()).isTrue();
      }
      E2e.Run after =
          e.run("plan", SPEC, "--set", "dashboard.enabled=false", "--detailed-exitcode");
      assertThat(after.code()).as(after.all()).isZero();
    }
  }
}
