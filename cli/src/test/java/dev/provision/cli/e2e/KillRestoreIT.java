package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.backup.BackupFolder;
import dev.provision.exec.TestHooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A real {@code provision restore} or {@code provision backup} process killed with {@code kill -9}
 * while it holds the backend stopped, paused there by the test hook ({@code COMMAND@POINT}). After
 * a restore killed while it replaced the data: plan and status say so and what to do, apply and
 * backup refuse (exit 1, the backend stays stopped, the lock stays), and the deployment comes back
 * by restoring the same archive again, by restoring the backup of the data from just before, or by
 * {@code apply --accept-interrupted-restore}; each time with exactly the documents expected. After
 * a backup killed in its stop window: its partial files are not listed, and the next backup (or
 * apply) starts the backend again with its documents intact.
 */
class KillRestoreIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();
  private static final String MANAGED = Path.of("..", "specs", "postgres-managed.yaml").toString();
  private static final String[] SETS = {"--set", "dashboard.enabled=false"};

  @Test
  void restoreKilledWhileItReplacesTheDataIsNeverStartedOnSilently() throws Exception {
    long start = System.nanoTime();
    try (E2e e = new E2e()) {
      Documents docs = deploy(e);
      docs.put("a", "yesterday");
      docs.put("b", "also yesterday");
      Map<String, String> yesterday = docs.all();
      BackupFolder folder = new BackupFolder(e.dir.resolve("backups"), e.deployment);
      assertThat(e.run("backup", SPEC, SETS).code()).isZero();
      Path archive = folder.archives().get(0).toAbsolutePath();
      docs.put("a", "today");
      docs.put("c", "today too");

      List<String> points = List.of("after-before-backup", "volume-emptied", "after-extract");
      for (int round = 0; round < points.size(); round++) {
        docs.put("round", Integer.toString(round));
        Map<String, String> beforeRestore = docs.all();
        kill(e, "restore@" + points.get(round), "restore", archive.toString(), "--yes");
        List<Path> all = folder.archives();
        Path before = all.get(all.size() - 1).toAbsolutePath();
        assertThat(before).isNotEqualTo(archive);
        assertThat(running(e)).isFalse();
        refusedUntilRestored(e, archive, before);

        if (round == 0) {
          E2e.Run again =
              e.run("restore", SPEC, BackupRestoreIT.with(SETS, archive.toString(), "--yes"));
          assertThat(again.code()).as(again.all()).isZero();
          assertThat(again.err())
              .contains("note: a restore was interrupted while it replaced the data");
          assertThat(docs.all()).isEqualTo(yesterday);
        } else if (round == 1) {
          E2e.Run back =
              e.run("restore", SPEC, BackupRestoreIT.with(SETS, before.toString(), "--yes"));
          assertThat(back.code()).as(back.all()).isZero();
          assertThat(docs.all()).isEqualTo(beforeRestore);
        } else {
          // the archive's volume was extracted whole: the operator accepts the data as it is
          E2e.Run accepted =
              e.run(
                  "apply",
                  SPEC,
                  BackupRestoreIT.with(SETS, "--yes", "--accept-interrupted-restore"));
          assertThat(accepted.code()).as(accepted.all()).isZero();
          assertThat(docs.all()).isEqualTo(yesterday);
        }
        assertThat(running(e)).isTrue();
        assertThat(lockExists(e)).isFalse();
        assertThat(Docker.run("ps", "-aq", "--filter", "name=^" + e.deployment + "-restore$"))
            .as("the restore's helper container is gone")
            .isBlank();
        E2e.Run plan = e.run("plan", SPEC, BackupRestoreIT.with(SETS, "--detailed-exitcode"));
        assertThat(plan.code()).as(plan.all()).isZero();
        assertThat(plan.all()).doesNotContain("restore was interrupted");
      }
    } finally {
      System.out.println(
          "KillRestoreIT restore: "
              + Duration.ofNanos(System.nanoTime() - start).toSeconds()
              + "s");
    }
  }

  /**
   * Managed Postgres: killed after the database was dropped (the volume already replaced). Apply
   * refuses; restoring the same archive again brings back exactly its documents.
   */
  @Test
  void managedPostgresKilledAfterTheDatabaseWasDropped() throws Exception {
    String pgdata = null;
    try (E2e e = new E2e()) {
      pgdata = e.deployment + "-pgdata";
      String[] sets = {
        "--set", "database.postgres.managed.image=" + E2e.postgresImage(),
        "--set", "database.postgres.managed.volume=" + pgdata,
        "--set", "outputs.envFile=" + e.dir.resolve(".env.local"),
        "--set", "dashboard.enabled=false"
      };
      E2e.Run apply = e.run("apply", MANAGED, BackupRestoreIT.with(sets, "--yes"));
      assertThat(apply.code()).as(apply.all()).isZero();
      String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
      Documents docs = new Documents(e.cloudUrl(), Live.adminKey(e.deployment, secret));
      docs.put("a", "yesterday");
      Map<String, String> yesterday = docs.all();
      BackupFolder folder = new BackupFolder(e.dir.resolve("backups"), e.deployment);
      assertThat(e.run("backup", MANAGED, sets).code()).isZero();
      Path archive = folder.archives().get(0).toAbsolutePath();
      docs.put("a", "today");

      killWith(
          e, MANAGED, sets, "restore@database-dropped", "restore", archive.toString(), "--yes");
      assertThat(running(e)).isFalse();
      E2e.Run refused = e.run("apply", MANAGED, BackupRestoreIT.with(sets, "--yes"));
      assertThat(refused.code()).as(refused.all()).isEqualTo(1);
      assertThat(refused.err())
          .contains("a restore was interrupted while it replaced the data of " + e.deployment);
      assertThat(running(e)).isFalse();

      E2e.Run again =
          e.run("restore", MANAGED, BackupRestoreIT.with(sets, archive.toString(), "--yes"));
      assertThat(again.code()).as(again.all()).isZero();
      assertThat(docs.all()).isEqualTo(yesterday);
      E2e.Run plan = e.run("plan", MANAGED, BackupRestoreIT.with(sets, "--detailed-exitcode"));
      assertThat(plan.code()).as(plan.all()).isZero();
    } finally {
      if (pgdata != null) {
        Docker.quietly("volume", "rm", "-f", pgdata);
      }
    }
  }

  @Test
  void backupKilledAfterTheStopIsFinishedByTheNextBackupOrApply() throws Exception {
    long start = System.nanoTime();
    try (E2e e = new E2e()) {
      Documents docs = deploy(e);
      docs.put("a", "kept");
      docs.put("b", "kept too");
      Map<String, String> written = docs.all();
      BackupFolder folder = new BackupFolder(e.dir.resolve("backups"), e.deployment);

      kill(e, "backup@after-stop", "backup");
      assertThat(running(e)).isFalse();
      assertThat(leftovers(folder)).isNotEmpty();
      assertThat(folder.archives()).isEmpty();
      E2e.Run listed = e.run("backups", SPEC, SETS);
      assertThat(listed.code()).as(listed.all()).isZero();
      assertThat(listed.out()).doesNotContain(".parts").doesNotContain(".partial");

      E2e.Run backup = e.run("backup", SPEC, SETS);
      assertThat(backup.code()).as(backup.all()).isZero();
      assertThat(running(e)).isTrue();
      assertThat(docs.all()).isEqualTo(written);
      assertThat(folder.archives()).hasSize(1);
      assertThat(leftovers(folder)).isEmpty();

      kill(e, "backup@after-stop", "backup");
      assertThat(running(e)).isFalse();
      E2e.Run apply = e.run("apply", SPEC, BackupRestoreIT.with(SETS, "--yes"));
      assertThat(apply.code()).as(apply.all()).isZero();
      assertThat(running(e)).isTrue();
      assertThat(docs.all()).isEqualTo(written);
      E2e.Run plan = e.run("plan", SPEC, BackupRestoreIT.with(SETS, "--detailed-exitcode"));
      assertThat(plan.code()).as(plan.all()).isZero();
    } finally {
      System.out.println(
          "KillRestoreIT backup: " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + "s");
    }
  }

  /** After a restore killed half-way: every command but a restore refuses, and says why. */
  private static void refusedUntilRestored(E2e e, Path archive, Path before) {
    String what = "a restore was interrupted while it replaced the data of " + e.deployment;
    E2e.Run plan = e.run("plan", SPEC, SETS);
    assertThat(plan.all())
        .as(plan.all())
        .contains(what)
        .contains("the volume/database may be half-written")
        .contains("provision restore SPEC " + archive)
        .contains("provision restore SPEC " + before)
        .doesNotContain("An apply was interrupted");
    E2e.Run status = e.run("status", SPEC, SETS);
    assertThat(status.out()).as(status.all()).contains("Lock: " + what);
    E2e.Run apply = e.run("apply", SPEC, BackupRestoreIT.with(SETS, "--yes"));
    assertThat(apply.code()).as(apply.all()).isEqualTo(1);
    assertThat(apply.err()).contains(what).contains("--accept-interrupted-restore");
    E2e.Run backup = e.run("backup", SPEC, SETS);
    assertThat(backup.code()).as(backup.all()).isEqualTo(1);
    assertThat(backup.err()).contains(what);
    assertThat(running(e)).isFalse();
    assertThat(lockExists(e)).isTrue();
  }

  private static Documents deploy(E2e e) throws Exception {
    E2e.Run apply = e.run("apply", SPEC, BackupRestoreIT.with(SETS, "--yes"));
    assertThat(apply.code()).as(apply.all()).isZero();
    String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
    return new Documents(e.cloudUrl(), Live.adminKey(e.deployment, secret));
  }

  /**
   * Runs {@code provision COMMAND SPEC ... EXTRA} in a child that pauses at {@code at}; kill -9.
   */
  private static void kill(E2e e, String at, String command, String... extra) throws Exception {
    killWith(e, SPEC, SETS, at, command, extra);
  }

  private static void killWith(
      E2e e, String spec, String[] sets, String at, String command, String... extra)
      throws Exception {
    String name = at.replace('@', '_');
    Path marker = e.dir.resolve("paused-" + name);
    Files.deleteIfExists(marker);
    ChildCli child =
        ChildCli.start(
            e,
            "kill-" + name,
            Map.of(TestHooks.PAUSE_AT_STEP, at, TestHooks.PAUSE_MARKER, marker.toString()),
            command,
            spec,
            BackupRestoreIT.with(sets, extra));
    child.awaitFile(marker, Duration.ofSeconds(120));
    child.signal("KILL");
    assertThat(child.await(Duration.ofSeconds(30))).isEqualTo(137);
  }

  private static boolean running(E2e e) {
    return Docker.run("inspect", "-f", "{{.State.Running}}", e.deployment + "-backend")
        .equals("true");
  }

  private static boolean lockExists(E2e e) {
    return !Docker.run("ps", "-aq", "--filter", "name=^" + e.deployment + "-lock$").isBlank();
  }

  /** The partial archive files and parts folders in the backup folder. */
  private static List<Path> leftovers(BackupFolder folder) throws Exception {
    try (Stream<Path> files = Files.list(folder.dir())) {
      return files
          .filter(
              p ->
                  p.getFileName().toString().endsWith(".partial")
                      || p.getFileName().toString().endsWith(".parts"))
          .toList();
    }
  }
}
