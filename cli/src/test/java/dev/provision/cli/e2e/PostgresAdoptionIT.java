package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A managed Postgres volume made outside provision (initialised by hand with the spec's user and
 * password) is adopted: the plan says adopt, never create, and after the apply a table made before
 * is still there, served by provision's Postgres container.
 */
class PostgresAdoptionIT {
  private static final String SPEC = Path.of("..", "specs", "postgres-managed.yaml").toString();
  private static final String PASSWORD = "hand-made-pg-password-0005";

  @Test
  void aHandMadePostgresVolumeIsAdoptedWithItsData() throws Exception {
    try (E2e e = new E2e()) {
      String volume = e.deployment + "-handpg";
      String init = e.deployment + "-pginit";
      e.env.put("PT_PG_PASSWORD", PASSWORD);
      try {
        Docker.run("volume", "create", volume);
        Docker.run(
            "run",
            "-d",
            "--name",
            init,
            "-e",
            "POSTGRES_USER=convex",
            "-e",
            "POSTGRES_PASSWORD=" + PASSWORD,
            "-v",
            volume + ":/var/lib/postgresql/data",
            E2e.postgresImage());
        awaitSql(init, "CREATE TABLE kept_rows (x int); INSERT INTO kept_rows VALUES (42);");
        Docker.run("rm", "-f", init);
        String[] sets = {
          "--set", "dashboard.enabled=false",
          "--set", "outputs.envFile=" + e.dir.resolve(".env.local"),
          "--set", "database.postgres.managed.image=" + E2e.postgresImage(),
          "--set", "database.postgres.managed.volume=" + volume,
          "--set", "database.postgres.managed.password=${env:PT_PG_PASSWORD}"
        };

        E2e.Run plan = e.run("plan", SPEC, sets);
        assertThat(plan.code()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("& volume.postgres").doesNotContain("+ volume.postgres");

        E2e.Run apply = e.run("apply", SPEC, ComposeTakeoverIT.with(sets, "--yes"));
        assertThat(apply.code()).as(apply.all()).isZero();
        assertThat(sql(e.deployment + "-postgres", "SELECT x FROM kept_rows;")).isEqualTo("42");
        assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
        assertThat(
                Docker.run(
                    "inspect",
                    "-f",
                    "{{index .Config.Labels \"dev.provision.adopted-volumes\"}}",
                    e.deployment + "-postgres"))
            .isEqualTo(volume);
        assertThat(String.join("\n", e.outputs)).doesNotContain(PASSWORD);
      } finally {
        e.close();
        Docker.quietly("rm", "-f", init);
        Docker.quietly("volume", "rm", volume);
      }
    }
  }

  private static String sql(String container, String statement) {
    return Docker.run("exec", container, "psql", "-U", "convex", "-d", "convex", "-tAc", statement);
  }

  /** Runs {@code statement} once Postgres accepts it (its first start initialises the volume). */
  private static void awaitSql(String container, String statement) throws InterruptedException {
    IllegalStateException last = null;
    for (int i = 0; i < 300; i++) {
      try {
        Docker.run("exec", container, "pg_isready", "-U", "convex", "-h", "127.0.0.1");
        sql(container, statement);
        return;
      } catch (IllegalStateException notYet) {
        last = notYet;
      }
      Thread.sleep(100);
    }
    throw last;
  }
}
