package dev.provision.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.provision.diag.ProvisionException;
import dev.provision.secrets.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes and reads one backup archive: a tar whose first entry is {@link BackupManifest#NAME} and
 * whose other entries are the parts (the volume's tar, a database dump, the secrets). The archive
 * is created 0600 under a temporary name and moved into place only when complete; reading checks
 * every entry's size and SHA-256 against the manifest.
 */
public final class BackupArchive {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BackupArchive() {}

  /** The entry for a part file: its name in the archive, size and SHA-256. */
  public static BackupManifest.Entry describe(String name, Path file) throws IOException {
    return new BackupManifest.Entry(name, Files.size(file), sha256(file));
  }

  /** Writes {@code target} (0600) from the manifest and the part files, in the manifest's order. */
  public static void write(Path target, BackupManifest manifest, Map<String, Path> parts)
      throws IOException {
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    Files.createFile(partial, PrivateFiles.fileMode());
    try (OutputStream file = Files.newOutputStream(partial);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      byte[] json = JSON.writeValueAsBytes(manifest);
      TarArchiveEntry head = new TarArchiveEntry(BackupManifest.NAME);
      head.setSize(json.length);
      head.setMode(0600);
      tar.putArchiveEntry(head);
      tar.write(json);
      tar.closeArchiveEntry();
      for (BackupManifest.Entry e : manifest.entries()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.name());
        entry.setSize(e.size());
        entry.setMode(0600);
        tar.putArchiveEntry(entry);
        Files.copy(parts.get(e.name()), tar);
        tar.closeArchiveEntry();
      }
      tar.finish();
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Only the manifest (the first entry), without checking the rest. */
  public static BackupManifest manifest(Path archive) {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(archive))) {
      TarArchiveEntry first = tar.getNextEntry();
      if (first == null || !first.getName().equals(BackupManifest.NAME)) {
        throw notABackup(archive, "its first entry is not " + BackupManifest.NAME);
      }
      return JSON.readValue(tar.readAllBytes(), BackupManifest.class);
    } catch (IOException e) {
      throw notABackup(archive, e.getMessage());
    }
  }

  /**
   * Extracts every part into {@code dir} (0700, made by the caller), checking each against the
   * manifest; answers the part files by name.
   *
   * @throws ProvisionException when an entry is missing, unexpected, or its size or checksum
   *     differs
   */
  public static Map<String, Path> extract(Path archive, BackupManifest manifest, Path dir) {
    Map<String, BackupManifest.Entry> expected = new LinkedHashMap<>();
    manifest.entries().forEach(e -> expected.put(e.name(), e));
    Map<String, Path> parts = new LinkedHashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(archive))) {
      tar.getNextEntry(); // the manifest
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        BackupManifest.Entry want = expected.get(entry.getName());
        if (want == null || parts.containsKey(entry.getName())) {
          throw notABackup(archive, "unexpected entry " + entry.getName());
        }
        Path out = dir.resolve("part-" + parts.size());
        Files.createFile(out, PrivateFiles.fileMode());
        MessageDigest digest = digest();
        try (OutputStream o = Files.newOutputStream(out)) {
          new DigestInputStream(tar, digest).transferTo(o);
        }
        String sum = HexFormat.of().formatHex(digest.digest());
        if (Files.size(out) != want.size() || !sum.equals(want.sha256())) {
          throw notABackup(archive, "entry " + want.name() + " does not match its checksum");
        }
        parts.put(want.name(), out);
      }
    } catch (IOException e) {
      throw notABackup(archive, e.getMessage());
    }
    List<String> missing = new ArrayList<>(expected.keySet());
    missing.removeAll(parts.keySet());
    if (!missing.isEmpty()) {
      throw notABackup(archive, "entries missing: " + String.join(", ", missing));
    }
    return parts;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest = digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ProvisionException notABackup(Path archive, String why) {
    return ProvisionException.of(
        archive + " is not a complete provision backup: " + why,
        "pick another backup (provision backups SPEC lists them)");
  }
}
