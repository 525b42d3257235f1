package dev.provision.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup folder: 0700, names by UTC time, only this deployment's archives, retention, and what
 * a killed backup left swept away.
 */
class BackupFolderTest {
  @TempDir Path dir;

  @Test
  void namesListsAndKeepsTheNewest() throws Exception {
    BackupFolder folder = new BackupFolder(dir.resolve(".provision/backups"), "demo");
    folder.ensure();
    assertThat(Files.getPosixFilePermissions(folder.dir()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    Path a = folder.archiveFor(Instant.parse("2026-11-28T10:00:00Z"));
    assertThat(a.getFileName().toString()).isEqualTo("demo-20261128T100000000Z.tar");
    Path b = folder.archiveFor(Instant.parse("2026-11-29T10:00:00Z"));
    Path c = folder.archiveFor(Instant.parse("2026-11-29T11:00:00Z"));
    for (Path p : new Path[] {c, a, b}) {
      Files.writeString(p, "x");
    }
    Files.writeString(folder.dir().resolve("demo-prod-20261128T100000000Z.tar"), "other");
    Files.writeString(folder.dir().resolve("notes.txt"), "mine");
    assertThat(folder.archives()).containsExactly(a, b, c);
    assertThat(folder.prune(2)).containsExactly(a);
    assertThat(folder.archives()).containsExactly(b, c);
    assertThat(folder.dir().resolve("notes.txt")).exists();
    assertThat(folder.dir().resolve("demo-prod-20261128T100000000Z.tar")).exists();
  }

  @Test
  void whatAKilledBackupLeftIsNotListedAndIsSweptAway() throws Exception {
    BackupFolder folder = new BackupFolder(dir.resolve("backups"), "demo");
    folder.ensure();
    Path kept = folder.archiveFor(Instant.parse("2026-11-28T10:00:00Z"));
    Files.writeString(kept, "x");
    Path partial = folder.dir().resolve("demo-20261129T100000000Z.tar.partial");
    Files.writeString(partial, "half");
    Path parts = folder.dir().resolve(".demo-20261129T100000000Z.tar.parts");
    Files.createDirectories(parts.resolve("inner"));
    Files.writeString(parts.resolve("inner/v"), "volume");
    Path other = folder.dir().resolve(".demo-prod-20261129T100000000Z.tar.parts");
    Files.createDirectories(other);
    Files.writeString(folder.dir().resolve("demo-prod-20261129T100000000Z.tar.partial"), "o");

    assertThat(folder.archives()).containsExactly(kept);
    assertThat(folder.sweepPartials()).containsExactlyInAnyOrder(partial, parts);
    assertThat(partial).doesNotExist();
    assertThat(parts).doesNotExist();
    assertThat(kept).exists();
    assertThat(other).exists(); // another deployment's backup may be running now
    assertThat(folder.sweepPartials()).isEmpty();
  }

  @Test
  void theDefaultIsBesideTheSecretsFile() {
    assertThat(BackupFolder.defaultDir(Path.of("/p/.provision/demo.secrets.json")))
        .isEqualTo(Path.of("/p/.provision/backups"));
  }
}
