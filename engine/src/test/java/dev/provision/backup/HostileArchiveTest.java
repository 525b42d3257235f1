package dev.provision.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives crafted to lie: each is refused as "not a complete provision backup" before a restore
 * touches anything, and never by a NullPointerException after the volume was emptied.
 */
class HostileArchiveTest {
  private static final String EMPTY_SHA =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @TempDir Path dir;

  @Test
  void aManifestThatLeavesOutTheVolumeIsRefusedBeforeTheRestoreStarts() throws Exception {
    Path archive =
        tar(
            manifest(
                "\"demo\"",
                "[{\"name\":\"secrets.json\",\"size\":0,\"sha256\":\"" + EMPTY_SHA + "\"}]"),
            new Part("secrets.json", "", null));
    BackupManifest m = BackupArchive.manifest(archive);
    assertThatThrownBy(
            () -> BackupArchive.requireParts(archive, m, List.of("volume.tar", "secrets.json")))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining(
            "is not a complete provision backup: its manifest lists no volume.tar");
  }

  @Test
  void aManifestWithoutDeploymentIsRefusedWithoutANullPointer() throws Exception {
    Path archive = tar(manifest("null", "[]"));
    assertThatThrownBy(() -> BackupArchive.manifest(archive))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("its manifest has no deployment, database or backendImage");
  }

  @Test
  void anEntryListedTwiceIsRefused() throws Exception {
    String e = "{\"name\":\"volume.tar\",\"size\":0,\"sha256\":\"" + EMPTY_SHA + "\"}";
    Path archive = tar(manifest("\"demo\"", "[" + e + "," + e + "]"));
    assertThatThrownBy(() -> BackupArchive.manifest(archive))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("its manifest lists entry volume.tar twice");
  }

  @Test
  void aSymlinkEntryIsRefusedEvenWhenItsEmptyChecksumMatches() throws Exception {
    Path archive =
        tar(
            manifest(
                "\"demo\"",
                "[{\"name\":\"volume.tar\",\"size\":0,\"sha256\":\"" + EMPTY_SHA + "\"}]"),
            new Part("volume.tar", "", "/etc/passwd"));
    BackupManifest m = BackupArchive.manifest(archive);
    Path out = Files.createDirectory(dir.resolve("out"));
    assertThatThrownBy(() -> BackupArchive.extract(archive, m, out))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("entry volume.tar is not a regular file of the manifest's size");
  }

  @Test
  void anEntryLargerThanTheManifestSaysIsRefusedBeforeAByteIsCopied() throws Exception {
    Path archive =
        tar(
            manifest(
                "\"demo\"",
                "[{\"name\":\"volume.tar\",\"size\":1,\"sha256\":\"" + EMPTY_SHA + "\"}]"),
            new Part("volume.tar", "x".repeat(100_000), null));
    BackupManifest m = BackupArchive.manifest(archive);
    Path out = Files.createDirectory(dir.resolve("out"));
    assertThatThrownBy(() -> BackupArchive.extract(archive, m, out))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("entry volume.tar is not a regular file of the manifest's size");
    try (var files = Files.list(out)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aVolumePartThatIsNoTarOrLeavesItsFolderIsRefused() throws Exception {
    Path garbage = Files.writeString(dir.resolve("garbage"), "not a tar at all, but checksummed");
    assertThatThrownBy(() -> BackupArchive.checkInnerTar(dir, "volume.tar", garbage, "data"))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("part volume.tar is not a readable tar");
    for (String name : List.of("data/../../etc/x", "/data/x", "etc/passwd")) {
      Path inner = dir.resolve("inner.tar");
      try (OutputStream file = Files.newOutputStream(inner);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
        write(tar, new Part("data/ok", "fine", null));
        write(tar, new Part(name, "x", null));
      }
      assertThatThrownBy(() -> BackupArchive.checkInnerTar(dir, "volume.tar", inner, "data"))
          .as(name)
          .isInstanceOf(ProvisionException.class)
          .hasMessageContaining("part volume.tar has an entry outside data/");
    }
    Path good = dir.resolve("good.tar");
    try (OutputStream file = Files.newOutputStream(good);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
      write(tar, new Part("data/a/b", "fine", null));
    }
    BackupArchive.checkInnerTar(dir, "volume.tar", good, "data");
  }

  private record Part(String name, String text, String linkTarget) {}

  private static String manifest(String deployment, String entries) {
    return "{\"format\":1,\"deployment\":"
        + deployment
        + ",\"specSha256\":\"a\",\"backendImage\":\"img:1\",\"backendImageId\":\"\","
        + "\"database\":\"sqlite\",\"created\":\"2026-11-28T10:00:00Z\",\"stoppedMillis\":1,"
        + "\"entries\":"
        + entries
        + ",\"s3\":\"x\"}";
  }

  private Path tar(String manifest, Part... parts) throws Exception {
    Path archive = dir.resolve("hostile.tar");
    try (OutputStream file = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
      write(tar, new Part(BackupManifest.NAME, manifest, null));
      for (Part p : parts) {
        write(tar, p);
      }
    }
    return archive;
  }

  private static void write(TarArchiveOutputStream tar, Part p) throws Exception {
    if (p.linkTarget() != null) {
      TarArchiveEntry link = new TarArchiveEntry(p.name(), TarArchiveEntry.LF_SYMLINK);
      link.setLinkName(p.linkTarget());
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
      return;
    }
    byte[] bytes = p.text().getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(p.name(), true);
    entry.setSize(bytes.length);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }
}
