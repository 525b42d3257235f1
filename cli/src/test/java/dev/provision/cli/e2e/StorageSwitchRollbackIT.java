package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.backup.BackupArchive;
import dev.provision.backup.BackupFolder;
import dev.provision.exec.FaultInjection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A switch from SQLite to a managed Postgres is guarded: apply backs the SQLite state up from the
 * stopped old backend before the new one starts. When the apply fails after the switch (a fault
 * injected right after the backend's replace), the undo restores that backup and the old backend
 * serves the documents written before. The archive describes the state left (SQLite), so {@code
 * provision restore} with the old spec puts it back later, undoing writes made since.
 */
class StorageSwitchRollbackIT {
  private static final String QUICKSTART = Path.of("..", "specs", "quickstart.yaml").toString();
  private static final String MANAGED = Path.of("..", "specs", "postgres-managed.yaml").toString();

  @Test
  void aFailedSwitchFromSqliteIsUndoneFromItsBackupWhichTheOldSpecRestoresLater() throws Exception {
    String pgdata = null;
    try (E2e e = new E2e()) {
      pgdata = e.deployment + "-pgdata";
      String[] old = {"--set", "dashboard.enabled=false"};
      E2e.Run apply = e.run("apply", QUICKSTART, BackupRestoreIT.with(old, "--yes"));
      assertThat(apply.code()).as(apply.all()).isZero();
      String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
      Documents docs = new Documents(e.cloudUrl(), Live.adminKey(e.deployment, secret));
      docs.put("a", "on SQLite");
      docs.put("b", "also on SQLite");
      Map<String, String> before = docs.all();

      e.env.put(FaultInjection.FAIL_AT_STEP, "container.backend/replace-container");
      E2e.Run sw =
          e.run(
              "apply",
              MANAGED,
              "--set",
              "database.postgres.managed.image=" + E2e.postgresImage(),
              "--set",
              "database.postgres.managed.volume=" + pgdata,
              "--set",
              "outputs.envFile=" + e.dir.resolve(".env.local"),
              "--set",
              "dashboard.enabled=false",
              "--yes");
      e.env.remove(FaultInjection.FAIL_AT_STEP);
      assertThat(sw.code()).as(sw.all()).isNotZero();
      assertThat(sw.out())
          .contains("Backup: before each step whose undo restores it")
          .contains("provision backs the old state up into ");
      assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
      assertThat(docs.all()).isEqualTo(before);

      List<Path> archives = new BackupFolder(e.dir.resolve("backups"), e.deployment).archives();
      assertThat(archives).hasSize(1);
      assertThat(BackupArchive.manifest(archives.get(0)).database()).isEqualTo("sqlite");

      docs.put("c", "after the failed switch");
      E2e.Run restore =
          e.run(
              "restore",
              QUICKSTART,
              BackupRestoreIT.with(old, archives.get(0).toString(), "--yes"));
      assertThat(restore.code()).as(restore.all()).isZero();
      assertThat(docs.all()).isEqualTo(before);
      assertThat(String.join("\n", e.outputs)).doesNotContain(secret);
    } finally {
      if (pgdata != null) {
        Docker.quietly("volume", "rm", "-f", pgdata);
      }
    }
  }
}
