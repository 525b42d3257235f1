package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.driver.HostDriver;
import dev.provision.model.Address;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The quickstart life cycle on a real Docker engine: apply, serve, plan empty, change a knob (one
 * restart), destroy keeping the volume, apply again with the same secret, so an admin key issued at
 * the start still works.
 */
class QuickstartIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();

  @Test
  void applyChangeDestroyAndComeBackWithTheSameSecret() throws Exception {
    try (E2e e = new E2e()) {
      E2e.Run first = e.run("apply", SPEC, "--yes");
      assertThat(first.code()).as(first.all()).isZero();
      assertThat(first.out())
          .contains("Apply complete")
          .contains("ok    admin key: a key issued from the stored instance secret is accepted");
      assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
      assertThat(Live.status("http://127.0.0.1:" + e.dashboardPort + "/")).isEqualTo(200);

      String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
      String earlyKey = Live.adminKey(e.deployment, secret);

      E2e.Run again = e.run("plan", SPEC, "--detailed-exitcode");
      assertThat(again.code()).as(again.all()).isZero();
      assertThat(again.out()).contains("No changes.");

      E2e.Run knob =
          e.run(
              "plan",
              SPEC,
              "--set",
              "backend.knobs.rustLog=debug",
              "--format",
              "json",
              "--detailed-exitcode");
      assertThat(knob.code()).as(knob.all()).isEqualTo(2);
      JsonNode changes = Live.json(knob.out()).path("changes");
      assertThat(changes).hasSize(1);
      assertThat(changes.get(0).path("address").asText()).isEqualTo("container.backend");
      assertThat(changes.get(0).path("risk").asText()).isEqualTo("restart");

      E2e.Run changed = e.run("apply", SPEC, "--set", "backend.knobs.rustLog=debug", "--yes");
      assertThat(changed.code()).as(changed.all()).isZero();

      E2e.Run destroyed = e.run("destroy", SPEC, "--set", "backend.knobs.rustLog=debug", "--yes");
      assertThat(destroyed.code()).as(destroyed.all()).isZero();
      try (HostDriver docker = e.docker()) {
        var left = docker.observe(e.deployment).resources().keySet();
        assertThat(left).containsExactly(Address.parse("volume.data"));
      }
      assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(-1);

      E2e.Run back = e.run("apply", SPEC, "--set", "backend.knobs.rustLog=debug", "--yes");
      assertThat(back.code()).as(back.all()).isZero();
      assertThat(Live.instanceSecret(e.dir.resolve("secrets.json"))).isEqualTo(secret);
      assertThat(Live.api(e.cloudUrl(), earlyKey).checkAdminKey().accepted()).isTrue();

      E2e.Run gone =
          e.run("destroy", SPEC, "--set", "backend.knobs.rustLog=debug", "--delete-data", "--yes");
      assertThat(gone.code()).as(gone.all()).isZero();
      try (HostDriver docker = e.docker()) {
        assertThat(docker.observe(e.deployment).resources()).isEmpty();
      }

      assertThat(String.join("\n", e.outputs)).doesNotContain(secret).doesNotContain(earlyKey);
    }
  }
}
