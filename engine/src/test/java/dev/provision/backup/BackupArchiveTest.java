package dev.provision.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive format: manifest first, 0600, every entry checked on the way back. */
class BackupArchiveTest {
  @TempDir Path dir;

  @Test
  void writesTheManifestFirstAndReadsEveryPartBackChecked() throws Exception {
    Path archive = write("hello volume", "{\"k\":\"v\"}");
    assertThat(Files.getPosixFilePermissions(archive))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    BackupManifest m = BackupArchive.manifest(archive);
    assertThat(m.deployment()).isEqualTo("demo");
    assertThat(m.s3()).startsWith("not included");
    assertThat(m.entries())
        .extracting(BackupManifest.Entry::name, BackupManifest.Entry::size)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("volume.tar", 12L),
            org.assertj.core.groups.Tuple.tuple("secrets.json", 9L));
    assertThat(m.entries().get(0).sha256())
        .isEqualTo("34d6a5695731936dbcb6eb6d0529666362d597008fa9aa0336525c97670b2359");
    Path out = Files.createDirectory(dir.resolve("out"));
    Map<String, Path> parts = BackupArchive.extract(archive, m, out);
    assertThat(Files.readString(parts.get("volume.tar"))).isEqualTo("hello volume");
    assertThat(Files.readString(parts.get("secrets.json"))).isEqualTo("{\"k\":\"v\"}");
  }

  @Test
  void aChangedByteIsFoundByItsChecksum() throws Exception {
    Path archive = write("hello volume", "{}");
    BackupManifest m = BackupArchive.manifest(archive);
    byte[] bytes = Files.readAllBytes(archive);
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf("hello volume");
    try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
      f.seek(at);
      f.write('j');
    }
    Path out = Files.createDirectory(dir.resolve("out"));
    assertThatThrownBy(() -> BackupArchive.extract(archive, m, out))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("entry volume.tar does not match its checksum");
  }

  @Test
  void aFileThatIsNoBackupIsRefused() throws Exception {
    Path other = Files.writeString(dir.resolve("x.tar"), "not a tar at all");
    assertThatThrownBy(() -> BackupArchive.manifest(other))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("is not a complete provision backup");
  }

  private Path write(String volume, String secrets) throws Exception {
    Map<String, Path> parts = new LinkedHashMap<>();
    parts.put("volume.tar", Files.writeString(dir.resolve("volume.tar"), volume));
    parts.put("secrets.json", Files.writeString(dir.resolve("secrets.json"), secrets));
    BackupManifest m =
        new BackupManifest(
            BackupManifest.FORMAT,
            "demo",
            "abc",
            "img:1",
            "",
            "sqlite",
            "2026-11-28T10:00:00Z",
            1200,
            List.of(
                BackupArchive.describe("volume.tar", parts.get("volume.tar")),
                BackupArchive.describe("secrets.json", parts.get("secrets.json"))),
            BackupManifest.S3_NOTE);
    Path archive = dir.resolve("demo-1.tar");
    BackupArchive.write(archive, m, parts);
    return archive;
  }
}
