package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A saved plan records the managed Postgres database's identity: a database dropped and created
 * again by hand between {@code plan --out} and {@code apply PLANFILE} (same name, its data gone)
 * makes the apply refuse, naming it.
 */
class SavedPlanDatabaseIT {
  private static final Path SPEC = Path.of("..", "specs", "postgres-managed.yaml");

  @Test
  void refusedWhenTheDatabaseWasReCreated() throws Exception {
    try (E2e e = new E2e()) {
      Path spec = e.dir.resolve("app.yaml");
      Files.copy(SPEC, spec);
      String[] extra = {
        "--set", "database.postgres.managed.image=" + E2e.postgresImage(),
        "--set", "database.postgres.managed.volume=" + e.deployment + "-pgdata",
        "--set", "outputs.envFile=" + e.dir.resolve(".env.local"),
        "--set", "dashboard.enabled=false"
      };
      E2e.Run applied = e.run("apply", spec.toString(), PostgresManagedIT.with(extra, "--yes"));
      assertThat(applied.code()).as(applied.all()).isZero();

      Path file = e.dir.resolve("plan.json");
      E2e.Run planned =
          e.run(
              "plan",
              spec.toString(),
              PostgresManagedIT.with(
                  extra, "--set", "backend.knobs.rustLog=debug", "--out", file.toString()));
      assertThat(planned.code()).as(planned.all()).isZero();
      assertThat(Files.readString(file)).containsPattern("\"database.postgres\": \"[0-9]+\"");

      // by hand: the backend holds connections, so stop it, then drop and create the database
      String backend = e.deployment + "-backend";
      String postgres = e.deployment + "-postgres";
      String database = e.deployment.replace('-', '_');
      Docker.run("stop", backend);
      Docker.run(
          "exec",
          postgres,
          "psql",
          "-U",
          "convex",
          "-d",
          "postgres",
          "-c",
          "DROP DATABASE " + database);
      Docker.run(
          "exec",
          postgres,
          "psql",
          "-U",
          "convex",
          "-d",
          "postgres",
          "-c",
          "CREATE DATABASE " + database);
      Docker.run("start", backend);

      E2e.Run moved = apply(e, file);
      assertThat(moved.code()).as(moved.all()).isEqualTo(1);
      assertThat(moved.err())
          .contains("moved since the plan was made")
          .containsPattern(
              "database.postgres: re-created since the plan \\(oid [0-9]+ → [0-9]+\\)");
      assertThat(moved.out()).doesNotContain("Applying:");
    }
  }

  /** {@code provision apply PLANFILE --yes}: no --set (the plan file fixes them). */
  private static E2e.Run apply(E2e e, Path planFile) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {"apply", planFile.toString(), "--yes"},
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            e.env,
            false);
    E2e.Run run = new E2e.Run(code, out.toString(), err.toString());
    e.outputs.add(run.out());
    e.outputs.add(run.err());
    return run;
  }
}
