package dev.provision.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup folder: 0700, names by UTC time, only this deployment's archives, retention. */
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
  void theDefaultIsBesideTheSecretsFile() {
    assertThat(BackupFolder.defaultDir(Path.of("/p/.provision/demo.secrets.json")))
        .isEqualTo(Path.of("/p/.provision/backups"));
  }
}
