package dev.provision.secrets;

import dev.provision.diag.Diagnostic;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * File operations for data only its owner may read: folders are created 0700 and files 0600 in the
 * same call that creates them (never created wider and narrowed later, and an existing folder is
 * never widened), and a file is replaced atomically and durably: temp file, write, fsync, rename,
 * fsync of the folder. Used for everything provision writes that may hold a secret or a journal:
 * the secrets file and its lock, journals, the app's env file and saved plans.
 */
public final class PrivateFiles {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private PrivateFiles() {}

  /** The attribute that creates a file 0600 (none where the file system has no POSIX modes). */
  public static FileAttribute<?>[] fileMode() {
    return POSIX
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  /** Creates {@code dir} (and missing parents) 0700 when it does not exist; never changes one. */
  public static void ensureFolder(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (POSIX) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  /**
   * Replaces {@code target} with {@code bytes}: atomic, durable, 0600. Only a regular file (or a
   * link to one) is replaced: a device, a pipe or a folder is refused, as renaming over {@code
   * /dev/null} would replace the device itself for everyone on the machine.
   *
   * @throws IOException when {@code target} exists and is not a regular file, or writing fails
   */
  public static void replace(Path target, byte[] bytes) throws IOException {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
      throw new IOException(
          "it exists and is not a regular file (a device, a pipe or a folder); name a file");
    }
    Path dir = target.toAbsolutePath().getParent();
    ensureFolder(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", fileMode());
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    syncFolder(dir);
  }

  /** Deletes {@code target} durably. */
  public static void delete(Path target) throws IOException {
    Files.deleteIfExists(target);
    syncFolder(target.getParent());
  }

  /** Forces a folder's entries (a rename, a delete) to disk; a no-op where that is unsupported. */
  public static void syncFolder(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some platforms cannot open or sync a folder; the rename itself stays atomic there.
    }
  }

  /**
   * Makes an existing folder that its group or others may use private (0700 for a folder with every
   * owner bit), as an earlier version may have left it 0755. A folder that is private already,
   * missing, a symbolic link, or on a file system without POSIX modes is left alone.
   *
   * @return a warning saying what was changed, or that it could not be changed; empty when nothing
   *     was wrong
   */
  public static Optional<Diagnostic> tighten(Path dir) {
    if (!POSIX || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Set<PosixFilePermission> before;
    try {
      before = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return Optional.empty();
    }
    Set<PosixFilePermission> after = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : before) {
      if (p.name().startsWith("OWNER_")) {
        after.add(p);
      }
    }
    if (after.equals(before)) {
      return Optional.empty();
    }
    String was = octal(before);
    try {
      Files.setPosixFilePermissions(dir, after);
    } catch (IOException e) {
      return Optional.of(
          Diagnostic.warning(
                  null,
                  null,
                  "the folder " + dir + " (mode " + was + ") can be read by other users")
              .withHint(
                  "it holds journals or secrets: make it private yourself (chmod 700 "
                      + dir
                      + ")"));
    }
    return Optional.of(
        Diagnostic.warning(
                null,
                null,
                "the folder "
                    + dir
                    + " was mode "
                    + was
                    + " (an earlier version left it so); it is now "
                    + octal(after))
            .withHint(
                "it holds journals or secrets: if other users could read it, rotate the secrets"
                    + " kept there"));
  }

  /** A mode as four octal digits, such as 0755. */
  static String octal(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 1 << (8 - p.ordinal());
    }
    return String.format("%04o", mode);
  }
}
