package dev.provision.diag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a whole input file only when it is a regular file, and never more than a limit: at most
 * {@code limit + 1} bytes are read, whatever the file system says its size is, so a device ({@code
 * /dev/zero}), a FIFO, a socket or a huge (even sparse) file is refused at once instead of hanging
 * or exhausting memory. Problems come back as a {@link ProvisionException} with one position-less
 * {@link Diagnostic}; the caller may give it a position.
 */
public final class BoundedFile {
  private BoundedFile() {}

  /**
   * The file's bytes.
   *
   * @param what the words for the file in messages, such as "spec file" or "plan file"
   * @param limit the most bytes accepted
   */
  public static byte[] read(Path file, String what, int limit) {
    return read(file, what, file.toString(), limit);
  }

  /**
   * As {@link #read(Path, String, int)}, naming the file {@code shown} in messages (such as a mask
   * when its path came from a reference).
   */
  public static byte[] read(Path file, String what, String shown, int limit) {
    String name = Quote.of(shown);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw refuse(
          Diagnostic.error(null, null, what + " `" + name + "` does not exist")
              .withHint("check the path; relative paths start at the current folder"));
    } catch (IOException e) {
      throw unreadable(what, name, e);
    }
    if (attributes.isDirectory()) {
      throw refuse(
          Diagnostic.error(null, null, what + " `" + name + "` is a folder, not a file")
              .withHint("give the path of a file"));
    }
    if (!attributes.isRegularFile()) {
      throw refuse(
          Diagnostic.error(null, null, what + " `" + name + "` is not a regular file")
              .withExpected("a regular file")
              .withFound("a device, pipe (FIFO) or socket")
              .withHint("save the content to a file and give its path"));
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(limit + 1);
    } catch (IOException e) {
      throw unreadable(what, name, e);
    }
    if (bytes.length > limit) {
      throw refuse(
          Diagnostic.error(null, null, what + " `" + name + "` is too large")
              .withExpected("at most " + size(limit))
              .withFound("more than " + limit + " bytes"));
    }
    return bytes;
  }

  /** A limit in words, such as "1 MiB (1048576 bytes)". */
  public static String size(int limit) {
    if (limit % (1024 * 1024) == 0) {
      return limit / (1024 * 1024) + " MiB (" + limit + " bytes)";
    }
    return limit + " bytes";
  }

  private static ProvisionException unreadable(String what, String name, IOException e) {
    String found =
        e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
    return refuse(
        Diagnostic.error(null, null, "cannot read " + what + " `" + name + "`")
            .withFound(found)
            .withHint("check that the file is readable"));
  }

  private static ProvisionException refuse(Diagnostic diagnostic) {
    return new ProvisionException(diagnostic);
  }
}
