package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.HostDriver;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * An external Postgres that cannot be used is a clear error at plan time, and apply touches nothing
 * on the target: no network, volume or container is created.
 */
class ExternalPostgresIT {
  private static final String SPEC = Path.of("..", "specs", "postgres-external.yaml").toString();

  @Test
  void anUnreachableServerStopsTheApplyBeforeAnythingChanges() throws Exception {
    try (E2e e = new E2e()) {
      e.env.put("PGPASSWORD", "pg-password-e2e-77aa");
      int closed = E2e.freePort();
      String[] extra = {
        "--set",
        "database.postgres.external.url=postgres://convex@127.0.0.1:" + closed,
        "--set",
        "database.postgres.external.ssl=disable",
        "--set",
        "database.postgres.external.caFile=",
        "--set",
        "dashboard.enabled=false",
        "--yes"
      };
      E2e.Run apply = e.run("apply", SPEC, extra);
      assertThat(apply.code()).as(apply.all()).isEqualTo(1);
      assertThat(apply.err())
          .contains("127.0.0.1:" + closed)
          .contains("hint:")
          .doesNotContain("pg-password-e2e-77aa")
          .doesNotContain("Exception");
      assertThat(apply.out()).doesNotContain("Applying");
      try (HostDriver docker = e.docker()) {
        assertThat(docker.observe(e.deployment).resources()).isEmpty();
      }
    }
  }
}
