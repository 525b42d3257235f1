package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.HostDriver;
import dev.provision.driver.postgres.ManagedPostgresAdmin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/**
 * A managed Postgres deployment: the database named after the instance exists before the backend
 * starts (the backend exits without it), the backend runs connected, .env.local carries a working
 * admin key, and a second plan is empty.
 */
class PostgresManagedIT {
  private static final String SPEC = Path.of("..", "specs", "postgres-managed.yaml").toString();

  @Test
  void theDatabaseExistsAndTheBackendIsConnected() throws Exception {
    try (E2e e = new E2e()) {
      Path envFile = e.dir.resolve(".env.local");
      Files.writeString(envFile, "CONVEX_DEPLOYMENT=dev:old-cloud-deployment\nMY_OWN=1\n");
      String[] extra = {
        "--set",
        "database.postgres.managed.image=" + E2e.postgresImage(),
        "--set",
        "database.postgres.managed.volume=" + e.deployment + "-pgdata",
        "--set",
        "outputs.envFile=" + envFile,
        "--set",
        "dashboard.enabled=false"
      };

      E2e.Run apply = e.run("apply", SPEC, with(extra, "--yes"));
      assertThat(apply.code()).as(apply.all()).isZero();

      try (HostDriver docker = e.docker()) {
        ManagedPostgresAdmin pg =
            new ManagedPostgresAdmin(docker::exec, e.deployment + "-postgres", "convex");
        assertThat(pg.databaseExists(e.deployment.replace('-', '_'))).isTrue();
      }
      assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);

      assertThat(Files.getPosixFilePermissions(envFile))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      String text = Files.readString(envFile);
      assertThat(text)
          .doesNotContain("CONVEX_DEPLOYMENT")
          .contains("MY_OWN=1")
          .contains("CONVEX_SELF_HOSTED_URL='" + e.cloudUrl() + "'");
      String key = Live.envFileValue(envFile, "CONVEX_SELF_HOSTED_ADMIN_KEY");
      assertThat(Live.api(e.cloudUrl(), key).checkAdminKey().accepted()).isTrue();

      E2e.Run plan = e.run("plan", SPEC, with(extra, "--detailed-exitcode"));
      assertThat(plan.code()).as(plan.all()).isZero();
      assertThat(String.join("\n", e.outputs)).doesNotContain(key);
    }
  }

  static String[] with(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }
}
