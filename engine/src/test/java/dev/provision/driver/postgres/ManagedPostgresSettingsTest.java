package dev.provision.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.model.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagedPostgresSettingsTest {

  @Test
  void containerEnvFollowsTheOfficialImage() {
    Map<String, Value> env = ManagedPostgresSettings.containerEnv("convex", Value.plain("pw"));

    assertThat(env)
        .containsExactly(
            Map.entry("PGDATA", Value.plain("/var/lib/postgresql/data")),
            Map.entry("POSTGRES_PASSWORD", Value.secret("pw")),
            Map.entry("POSTGRES_USER", Value.plain("convex")));
    assertThat(env.get("POSTGRES_PASSWORD").sensitive()).isTrue();
    assertThat(env.toString()).doesNotContain("pw,").contains(Value.MASK);
  }
}
