package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.backup.BackupArchive;
import dev.provision.backup.BackupManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code provision backup}, {@code backups} and {@code restore} on a real Docker engine, with
 * SQLite and with a managed Postgres: documents written before a backup come back exactly (later
 * ones are gone), the archive is 0600 in a 0700 folder with checksums that verify, retention keeps
 * the newest, no secret reaches the output, and a backup of another deployment or another backend
 * image is refused before anything changes.
 */
class BackupRestoreIT {
  private static final String QUICKSTART = Path.of("..", "specs", "quickstart.yaml").toString();
  private static final String MANAGED = Path.of("..", "specs", "postgres-managed.yaml").toString();

  @Test
  void sqliteBackupThenRestoreBringsBackExactlyThatData() throws Exception {
    try (E2e e = new E2e()) {
      roundTrip(e, QUICKSTART, "--set", "dashboard.enabled=false");
    }
  }

  @Test
  void managedPostgresBackupThenRestoreBringsBackExactlyThatData() throws Exception {
    try (E2e e = new E2e()) {
      roundTrip(
          e,
          MANAGED,
          "--set",
          "database.postgres.managed.image=" + E2e.postgresImage(),
          "--set",
          "database.postgres.managed.volume=" + e.deployment + "-pgdata",
          "--set",
          "outputs.envFile=" + e.dir.resolve(".env.local"),
          "--set",
          "dashboard.enabled=false");
      Docker.quietly("volume", "rm", "-f", e.deployment + "-pgdata");
    }
  }

  private static void roundTrip(E2e e, String spec, String... sets) throws Exception {
    E2e.Run apply = e.run("apply", spec, with(sets, "--yes"));
    assertThat(apply.code()).as(apply.all()).isZero();
    String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
    Documents docs = new Documents(e.cloudUrl(), Live.adminKey(e.deployment, secret));
    docs.put("a", "written before the backup");
    docs.put("b", "also before");

    Path folder = e.dir.resolve("backups");
    E2e.Run backup = e.run("backup", spec, with(sets, "--keep", "2"));
    assertThat(backup.code()).as(backup.all()).isZero();
    assertThat(backup.out())
        .contains("Backup of " + e.deployment + " written to " + folder)
        .contains("stopped for ")
        .contains("and started again")
        .contains("S3: not included");
    List<Path> archives = archives(folder);
    assertThat(archives).hasSize(1);
    Path archive = archives.get(0);
    assertThat(Files.getPosixFilePermissions(archive))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(folder))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    BackupManifest manifest = BackupArchive.manifest(archive);
    assertThat(manifest.deployment()).isEqualTo(e.deployment);
    assertThat(manifest.backendImage()).isEqualTo(E2e.backendImage());
    Path check = Files.createTempDirectory(e.dir, "check");
    assertThat(BackupArchive.extract(archive, manifest, check).keySet())
        .containsAll(List.of("volume.tar", "secrets.json"));

    // the backend serves again after the backup, and takes writes the restore must undo
    docs.put("a", "changed after the backup");
    docs.put("c", "written after the backup");
    assertThat(docs.all()).hasSize(3);

    E2e.Run listed = e.run("backups", spec, sets);
    assertThat(listed.code()).as(listed.all()).isZero();
    assertThat(listed.out()).contains(archive.toString()).contains(E2e.backendImage());

    E2e.Run other =
        e.run(
            "restore", spec, with(sets, archive.toString(), "--yes", "--set", "backend.image=x:1"));
    assertThat(other.code()).as(other.all()).isEqualTo(1);
    assertThat(other.err()).contains("taken with backend image").contains("--force");
    assertThat(docs.all()).hasSize(3);

    E2e.Run restore = e.run("restore", spec, with(sets, archive.toString(), "--yes"));
    assertThat(restore.code()).as(restore.all()).isZero();
    assertThat(restore.out()).contains("Restored " + e.deployment).contains("Checks:");
    assertThat(docs.all()).isEqualTo(Map.of("a", "written before the backup", "b", "also before"));

    // retention: three more backups with --keep 2 leave the newest two
    for (int i = 0; i < 2; i++) {
      assertThat(e.run("backup", spec, with(sets, "--keep", "2")).code()).isZero();
    }
    assertThat(archives(folder)).hasSize(2).doesNotContain(archive);

    assertThat(String.join("\n", e.outputs)).doesNotContain(secret);
  }

  private static List<Path> archives(Path folder) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.toString().endsWith(".tar")).sorted().toList();
    }
  }

  static String[] with(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }
}
