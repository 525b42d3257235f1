package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
      QuickstartChecks.appliesAndServes(e, SPEC);

      String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
      String earlyKey = Live.adminKey(e.deployment, secret);

      QuickstartChecks.plansEmpty(e, SPEC);

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

      QuickstartChecks.destroyKeepsTheVolume(e, SPEC, "--set", "backend.knobs.rustLog=debug");

      E2e.Run back = e.run("apply", SPEC, "--set", "backend.knobs.rustLog=debug", "--yes");
      assertThat(back.code()).as(back.all()).isZero();
      assertThat(Live.instanceSecret(e.dir.resolve("secrets.json"))).isEqualTo(secret);
      assertThat(Live.api(e.cloudUrl(), earlyKey).checkAdminKey().accepted()).isTrue();

      QuickstartChecks.destroyLeavesNothing(e, SPEC, "--set", "backend.knobs.rustLog=debug");

      assertThat(String.join("\n", e.outputs)).doesNotContain(secret).doesNotContain(earlyKey);
    }
  }
}
