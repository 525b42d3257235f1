package dev.provision.driver.docker;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads the single file out of the tar stream the engine sends for {@code GET
 * /containers/NAME/archive?path=FILE}. Pure apart from reading the given stream.
 */
final class TarFiles {
  private TarFiles() {}

  /**
   * The content of the archive's first entry when it is a regular file; empty when it is a folder
   * or anything else (a link is not followed).
   */
  static Optional<byte[]> firstFile(InputStream archive) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
      TarArchiveEntry entry = tar.getNextEntry();
      if (entry == null || !entry.isFile()) {
        return Optional.empty();
      }
      return Optional.of(tar.readAllBytes());
    }
  }
}
