package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.backup.BackupArchive;
import dev.provision.backup.BackupFolder;
import dev.provision.backup.BackupManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Restore from a backup taken a day earlier (simulated without sleeping: the archive is rewritten
 * through {@link BackupArchive#write} with its manifest's time and file name a day back, the way
 * {@code backups} and retention read them). After it, the deployment takes more writes and a newer
 * backup; restoring the day-old one brings back exactly its documents, for SQLite and a managed
 * Postgres. A copy whose part no longer matches its checksum is refused before anything stops.
 */
class DayOldRestoreIT {
  private static final String QUICKSTART = Path.of("..", "specs", "quickstart.yaml").toString();
  private static final String MANAGED = Path.of("..", "specs", "postgres-managed.yaml").toString();

  @Test
  void sqlite() throws Exception {
    try (E2e e = new E2e()) {
      dayOld(e, QUICKSTART, "--set", "dashboard.enabled=false");
    }
  }

  @Test
  void managedPostgres() throws Exception {
    String pgdata = null;
    try (E2e e = new E2e()) {
      pgdata = e.deployment + "-pgdata";
      dayOld(
          e,
          MANAGED,
          "--set",
          "database.postgres.managed.image=" + E2e.postgresImage(),
          "--set",
          "database.postgres.managed.volume=" + pgdata,
          "--set",
          "outputs.envFile=" + e.dir.resolve(".env.local"),
          "--set",
          "dashboard.enabled=false");
    } finally {
      if (pgdata != null) {
        Docker.quietly("volume", "rm", "-f", pgdata);
      }
    }
  }

  private static void dayOld(E2e e, String spec, String... sets) throws Exception {
    E2e.Run apply = e.run("apply", spec, BackupRestoreIT.with(sets, "--yes"));
    assertThat(apply.code()).as(apply.all()).isZero();
    String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
    Documents docs = new Documents(e.cloudUrl(), Live.adminKey(e.deployment, secret));
    docs.put("a", "yesterday");
    docs.put("b", "also yesterday");
    Map<String, String> yesterday = docs.all();

    BackupFolder folder = new BackupFolder(e.dir.resolve("backups"), e.deployment);
    assertThat(e.run("backup", spec, sets).code()).isZero();
    Path dayOld = aDayBack(e, folder, folder.archives().get(0), Duration.ofDays(1));

    docs.put("a", "today");
    docs.put("c", "today too");
    assertThat(e.run("backup", spec, sets).code()).isZero();
    docs.put("d", "after today's backup");
    Map<String, String> now = docs.all();
    assertThat(folder.archives()).hasSize(2).first().isEqualTo(dayOld);
    E2e.Run listed = e.run("backups", spec, sets);
    assertThat(listed.out()).contains(dayOld.toString());

    Path tampered = tampered(e, folder, dayOld);
    E2e.Run refused =
        e.run("restore", spec, BackupRestoreIT.with(sets, tampered.toString(), "--yes"));
    assertThat(refused.code()).as(refused.all()).isNotZero();
    assertThat(refused.err()).contains("does not match its checksum");
    assertThat(docs.all()).isEqualTo(now);

    E2e.Run restore =
        e.run("restore", spec, BackupRestoreIT.with(sets, dayOld.toString(), "--yes"));
    assertThat(restore.code()).as(restore.all()).isZero();
    assertThat(docs.all()).isEqualTo(yesterday);
    assertThat(String.join("\n", e.outputs)).doesNotContain(secret);
  }

  /** {@code archive} as if taken {@code back} earlier: manifest time and file name moved. */
  private static Path aDayBack(E2e e, BackupFolder folder, Path archive, Duration back)
      throws Exception {
    BackupManifest m = BackupArchive.manifest(archive);
    Instant earlier = Instant.parse(m.created()).minus(back);
    BackupManifest moved =
        new BackupManifest(
            m.format(),
            m.deployment(),
            m.specSha256(),
            m.backendImage(),
            m.backendImageId(),
            m.database(),
            earlier.toString(),
            m.stoppedMillis(),
            m.entries(),
            m.s3());
    Path target = folder.archiveFor(earlier);
    BackupArchive.write(target, moved, parts(e, archive, m));
    Files.delete(archive);
    return target;
  }

  /** A copy of {@code archive}, two days back, with one byte of its secrets part changed. */
  private static Path tampered(E2e e, BackupFolder folder, Path archive) throws Exception {
    BackupManifest m = BackupArchive.manifest(archive);
    Map<String, Path> parts = parts(e, archive, m);
    Path secrets = parts.get("secrets.json");
    byte[] bytes = Files.readAllBytes(secrets);
    bytes[bytes.length / 2] ^= 1;
    Files.write(secrets, bytes);
    Path target = folder.archiveFor(Instant.parse(m.created()).minus(Duration.ofDays(1)));
    BackupArchive.write(target, m, parts);
    return target;
  }

  private static Map<String, Path> parts(E2e e, Path archive, BackupManifest m) throws Exception {
    Path dir = Files.createTempDirectory(e.dir, "parts");
    return new HashMap<>(BackupArchive.extract(archive, m, dir));
  }
}
