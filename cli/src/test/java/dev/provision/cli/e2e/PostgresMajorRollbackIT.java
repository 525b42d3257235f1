package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.backup.BackupArchive;
import dev.provision.backup.BackupManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A managed Postgres image change that may be another major version is a guarded replace: apply
 * stops the backend, dumps the database from the old, still running Postgres into a backup, then
 * replaces Postgres. Debian ships one Postgres major only, so the "new major" here is an image
 * built on the test Postgres whose entrypoint refuses a data directory it did not initialise, as a
 * real new major does ("database files are incompatible with server"). It fails to start; the
 * rollback gives the old Postgres its data back from the dump, the backend starts again, and the
 * documents written before are served. What this does not prove: a real upgrade across majors (the
 * data has to move into a new data directory: restore the backup into a Postgres on a new volume).
 */
class PostgresMajorRollbackIT {
  private static final String SPEC = Path.of("..", "specs", "postgres-managed.yaml").toString();

  @Test
  void aNewMajorThatCannotOpenTheDataIsRolledBackAndTheDocumentsAreServed() throws Exception {
    String next = "pt-pg-next-" + UUID.randomUUID().toString().substring(0, 8) + ":99";
    String pgdata = null;
    try (E2e e = new E2e()) {
      pgdata = e.deployment + "-pgdata";
      Path context = Files.createTempDirectory(e.dir, "image");
      Files.writeString(
          context.resolve("refuse-old-data.sh"),
          "#!/bin/sh\n"
              + "if [ -f \"$PGDATA/PG_VERSION\" ] && [ \"$(cat \"$PGDATA/PG_VERSION\")\" != 99 ];"
              + " then\n"
              + "  echo \"FATAL: database files are incompatible with server\" >&2\n"
              + "  exit 1\n"
              + "fi\n"
              + "exec docker-entrypoint.sh \"$@\"\n");
      Files.writeString(
          context.resolve("Dockerfile"),
          "FROM "
              + E2e.postgresImage()
              + "\nCOPY refuse-old-data.sh /usr/local/bin/\n"
              + "RUN chmod 755 /usr/local/bin/refuse-old-data.sh\n"
              + "ENTRYPOINT [\"refuse-old-data.sh\"]\n");
      DockerCli.run("build", "-q", "--pull=false", "-t", next, context.toString());
      String[] sets = {
        "--set",
        "database.postgres.managed.volume=" + pgdata,
        "--set",
        "outputs.envFile=" + e.dir.resolve(".env.local"),
        "--set",
        "dashboard.enabled=false"
      };

      E2e.Run apply =
          e.run(
              "apply",
              SPEC,
              with(
                  sets,
                  "--set",
                  "database.postgres.managed.image=" + E2e.postgresImage(),
                  "--yes"));
      assertThat(apply.code()).as(apply.all()).isZero();
      String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
      Documents docs = new Documents(e.cloudUrl(), Live.adminKey(e.deployment, secret));
      docs.put("a", "before the Postgres upgrade");
      docs.put("b", "also before");
      Map<String, String> before = docs.all();

      E2e.Run upgrade =
          e.run(
              "apply",
              SPEC,
              with(sets, "--set", "database.postgres.managed.image=" + next, "--yes"));
      assertThat(upgrade.code()).as(upgrade.all()).isNotZero();
      assertThat(upgrade.out())
          .contains("Backup: before each step whose undo restores it")
          .contains("dumps the database (pg_dump) from the old Postgres");
      assertThat(upgrade.all()).contains("the data was restored from");
      assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
      assertThat(docs.all()).isEqualTo(before);
      assertThat(
              DockerCli.run("inspect", "--format", "{{.Config.Image}}", e.deployment + "-postgres")
                  .trim())
          .isEqualTo(E2e.postgresImage());

      List<Path> archives = archives(e.dir.resolve("backups"));
      assertThat(archives).hasSize(1);
      BackupManifest manifest = BackupArchive.manifest(archives.get(0));
      assertThat(manifest.database()).isEqualTo("postgres-managed");
      assertThat(manifest.entries().stream().map(BackupManifest.Entry::name))
          .contains("postgres.dump.tar", "volume.tar");
      assertThat(String.join("\n", e.outputs)).doesNotContain(secret);
    } finally {
      Docker.quietly("rmi", "-f", next);
      if (pgdata != null) {
        Docker.quietly("volume", "rm", "-f", pgdata);
      }
    }
  }

  private static List<Path> archives(Path folder) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.toString().endsWith(".tar")).sorted().toList();
    }
  }

  private static String[] with(String[] base, String... more) {
    return BackupRestoreIT.with(base, more);
  }
}
