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

  /** A manifest is a few hundred bytes; this bounds what a hostile archive makes us read. */
  static final long MAX_MANIFEST_BYTES = 1 << 20;

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
      if (first.getSize() > MAX_MANIFEST_BYTES) {
        throw notABackup(archive, "its manifest is larger than " + MAX_MANIFEST_BYTES + " bytes");
      }
      BackupManifest manifest = JSON.readValue(tar.readAllBytes(), BackupManifest.class);
      String problem = problem(manifest);
      if (problem != null) {
        throw notABackup(archive, problem);
      }
      return manifest;
    } catch (IOException e) {
      throw notABackup(archive, e.getMessage());
    }
  }

  /**
   * Refuses an archive whose manifest lacks one of {@code names}: a manifest that leaves out a part
   * would otherwise pass every checksum and fail only after the restore emptied the volume.
   */
  public static void requireParts(Path archive, BackupManifest manifest, List<String> names) {
    List<String> missing = new ArrayList<>(names);
    manifest.entries().forEach(e -> missing.remove(e.name()));
    if (!missing.isEmpty()) {
      throw notABackup(archive, "its manifest lists no " + String.join(", ", missing));
    }
  }

  /** What makes a manifest unusable (a field missing, an entry twice), or null. */
  private static String problem(BackupManifest m) {
    if (m.format() != BackupManifest.FORMAT) {
      return "its manifest has format " + m.format() + ", not " + BackupManifest.FORMAT;
    }
    if (m.deployment() == null || m.database() == null || m.backendImage() == null) {
      return "its manifest has no deployment, database or backendImage";
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    for (BackupManifest.Entry e : m.entries()) {
      if (e == null || e.name() == null || e.sha256() == null || e.size() < 0) {
        return "its manifest has an entry without name, size or sha256";
      }
      if (e.name().equals(BackupManifest.NAME) || !names.add(e.name())) {
        return "its manifest lists entry " + e.name() + " twice";
      }
    }
    return null;
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
        if (!regular(entry) || entry.getSize() != want.size()) {
          // checked before copying: a link is never followed, a huge entry never fills the disk
          throw notABackup(
              archive, "entry " + want.name() + " is not a regular file of the manifest's size");
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

  /**
   * Reads an extracted part that is itself a tar (the volume, the dump) to its end before anything
   * changes: refuses one that is no tar, is truncated, or has an entry outside {@code top} (an
   * absolute path, a {@code ..} segment, another top folder), which a restore would otherwise find
   * out only after it emptied the volume.
   */
  public static void checkInnerTar(Path archive, String part, Path file, String top) {
    int count = 0;
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(file))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        count++;
        String name = entry.getName();
        String first = name.split("/", -1)[0];
        if (name.startsWith("/") || !first.equals(top) || List.of(name.split("/")).contains("..")) {
          throw notABackup(archive, "part " + part + " has an entry outside " + top + "/");
        }
        tar.transferTo(OutputStream.nullOutputStream());
      }
    } catch (IOException e) {
      throw notABackup(archive, "part " + part + " is not a readable tar: " + e.getMessage());
    }
    if (count == 0) {
      throw notABackup(archive, "part " + part + " is not a readable tar: it has no entry");
    }
  }

  private static boolean regular(TarArchiveEntry entry) {
    byte flag = entry.getLinkFlag();
    return flag == TarArchiveEntry.LF_NORMAL || flag == TarArchiveEntry.LF_OLDNORM;
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
