package dev.provision.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a {@code unix://} engine path names a socket: a path that exists and is a regular file, a
 * directory, a FIFO or a device is refused while the spec is read, before any connection is tried
 * (connecting to a FIFO or a device can block or mislead). A path that does not exist is left to
 * the driver, which says the engine is not running.
 */
final class SocketFiles {
  private static final int TYPE = 0170000;
  private static final int SOCKET = 0140000;
  private static final String EXPECTED =
      "the Docker engine's socket, such as unix:///var/run/docker.sock";

  private SocketFiles() {}

  /** A refusal when {@code path} exists and is not a socket, else null. */
  static Refusal notASocket(Path path) {
    int mode;
    try {
      mode = (Integer) Files.getAttribute(path, "unix:mode");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
    if ((mode & TYPE) == SOCKET) {
      return null;
    }
    return new Refusal(
        "is " + kind(mode & TYPE) + ", not a socket",
        EXPECTED,
        "point it at the socket dockerd listens on (`docker context inspect` shows it)");
  }

  private static String kind(int type) {
    return switch (type) {
      case 0100000 -> "a regular file";
      case 0040000 -> "a directory";
      case 0010000 -> "a FIFO";
      case 0020000 -> "a character device";
      case 0060000 -> "a block device";
      default -> "a special file";
    };
  }
}
