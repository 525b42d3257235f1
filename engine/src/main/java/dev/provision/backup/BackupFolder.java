package dev.provision.backup;

import dev.provision.diag.ProvisionException;
import dev.provision.secrets.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder a deployment's backups live in (default {@code backups/} beside the secrets file, so
 * {@code .provision/backups/}): private (0700), one archive per backup named {@code
 * <deployment>-<UTC time>.tar}, the oldest removed beyond the number to keep.
 */
public record BackupFolder(Path dir, String deployment) {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  /** The default folder for a secrets file at {@code secretsFile}. */
  public static Path defaultDir(Path secretsFile) {
    return secretsFile.toAbsolutePath().getParent().resolve("backups");
  }

  /** Creates the folder (0700) when missing and tightens it when it is not. */
  public void ensure() {
    try {
      PrivateFiles.ensureFolder(dir);
      PrivateFiles.tighten(dir);
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot create the backup folder " + dir + ": " + e.getMessage(),
          "choose another folder with --out");
    }
  }

  /** The archive name for a backup taken at {@code when}. */
  public Path archiveFor(Instant when) {
    return dir.resolve(deployment + "-" + STAMP.format(when) + ".tar");
  }

  /** This deployment's archives, oldest first (the names sort by time). */
  public List<Path> archives() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      String prefix = deployment + "-";
      return files
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> p.getFileName().toString().endsWith(".tar"))
          .filter(p -> p.getFileName().toString().substring(prefix.length()).matches("\\d{8}T.*"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot list the backup folder " + dir + ": " + e.getMessage(), "check its permissions");
    }
  }

  /**
   * Removes what a backup killed half-way left of this deployment's archives: a {@code
   * NAME.tar.partial} being written and the {@code .NAME.tar.parts} folder of its parts. Call it
   * under the deployment's lock only (a backup running now writes these). Answers those removed.
   */
  public List<Path> sweepPartials() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> removed = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        String own = deployment + "-";
        boolean partial = name.startsWith(own) && name.endsWith(".tar.partial");
        boolean parts = name.startsWith("." + own) && name.endsWith(".tar.parts");
        String stamp = name.substring(Math.min(name.length(), own.length() + (parts ? 1 : 0)));
        if (!stamp.matches("\\d{8}T.*")) {
          continue; // another deployment whose name starts with this one's
        }
        if (partial || parts) {
          deleteTree(p);
          removed.add(p);
        }
      }
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot remove what an interrupted backup left in " + dir + ": " + e.getMessage(),
          "remove the .partial files and .parts folders there by hand");
    }
    return removed;
  }

  private static void deleteTree(Path p) throws IOException {
    if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> inner = Files.list(p)) {
        for (Path q : inner.toList()) {
          deleteTree(q);
        }
      }
    }
    Files.deleteIfExists(p);
  }

  /** Removes the oldest archives so that at most {@code keep} remain; answers those removed. */
  public List<Path> prune(int keep) {
    List<Path> all = archives();
    List<Path> removed = new ArrayList<>();
    for (int i = 0; i < all.size() - keep; i++) {
      try {
        Files.deleteIfExists(all.get(i));
        removed.add(all.get(i));
      } catch (IOException e) {
        throw ProvisionException.of(
            "cannot remove the old backup " + all.get(i) + ": " + e.getMessage(),
            "remove it by hand");
      }
    }
    return removed;
  }
}
