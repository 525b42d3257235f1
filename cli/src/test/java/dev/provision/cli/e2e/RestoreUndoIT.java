package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.backup.BackupArchive;
import dev.provision.backup.BackupManifest;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A restore that fails half-way leaves the deployment as it was: an archive whose checksums and
 * inner tar pass every check but that Docker cannot extract (its {@code data} is a file, not the
 * volume's folder) fails after the volume was emptied; the data taken just before comes back and
 * the backend serves it again.
 */
class RestoreUndoIT {
  private static final String QUICKSTART = Path.of("..", "specs", "quickstart.yaml").toString();

  @Test
  void aRestoreThatFailsHalfWayPutsTheDataFromBeforeItBack() throws Exception {
    try (E2e e = new E2e()) {
      String[] sets = {"--set", "dashboard.enabled=false"};
      E2e.Run apply = e.run("apply", QUICKSTART, BackupRestoreIT.with(sets, "--yes"));
      assertThat(apply.code()).as(apply.all()).isZero();
      String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
      Documents docs = new Documents(e.cloudUrl(), Live.adminKey(e.deployment, secret));
      docs.put("a", "the data before the restore");
      E2e.Run backup = e.run("backup", QUICKSTART, sets);
      assertThat(backup.code()).as(backup.all()).isZero();
      Path good = archives(e.dir.resolve("backups")).get(0);

      Path hostile = hostile(good, e.dir.resolve("hostile"));
      E2e.Run restore =
          e.run("restore", QUICKSTART, BackupRestoreIT.with(sets, hostile.toString(), "--yes"));
      assertThat(restore.code()).as(restore.all()).isEqualTo(1);
      assertThat(restore.err()).as(restore.all()).contains("the data from before it is back");
      assertThat(docs.all()).isEqualTo(Map.of("a", "the data before the restore"));
      assertThat(String.join("\n", e.outputs)).doesNotContain(secret);
    }
  }

  /** The good archive with its volume replaced by a tar whose only entry is a file named data. */
  private static Path hostile(Path good, Path dir) throws Exception {
    Files.createDirectories(dir);
    BackupManifest m = BackupArchive.manifest(good);
    Map<String, Path> parts = new LinkedHashMap<>(BackupArchive.extract(good, m, dir));
    Path volume = dir.resolve("volume");
    try (OutputStream file = Files.newOutputStream(volume);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
      byte[] bytes = "not a folder".getBytes();
      TarArchiveEntry entry = new TarArchiveEntry("data");
      entry.setSize(bytes.length);
      tar.putArchiveEntry(entry);
      tar.write(bytes);
      tar.closeArchiveEntry();
    }
    parts.put("volume.tar", volume);
    List<BackupManifest.Entry> entries = new ArrayList<>();
    for (Map.Entry<String, Path> p : parts.entrySet()) {
      entries.add(BackupArchive.describe(p.getKey(), p.getValue()));
    }
    BackupManifest lying =
        new BackupManifest(
            m.format(),
            m.deployment(),
            m.specSha256(),
            m.backendImage(),
            m.backendImageId(),
            m.database(),
            m.created(),
            m.stoppedMillis(),
            entries,
            m.s3());
    Path out = dir.resolve("hostile.tar");
    BackupArchive.write(out, lying, parts);
    return out;
  }

  private static List<Path> archives(Path folder) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.toString().endsWith(".tar")).sorted().toList();
    }
  }
}
