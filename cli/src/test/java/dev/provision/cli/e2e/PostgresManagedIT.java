package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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

      PostgresAuthChecks.databaseExistsAndBackendServes(e);
      String key = PostgresAuthChecks.envFileKeyWorks(e, envFile);
      assertThat(Files.readString(envFile))
          .doesNotContain("CONVEX_DEPLOYMENT")
          .contains("MY_OWN=1");

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
