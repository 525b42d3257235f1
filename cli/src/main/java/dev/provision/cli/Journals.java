package dev.provision.cli;

import java.nio.file.Path;

/**
 * Apply journals go to {@code .provision/journal} in the spec's folder (the journal adds that
 * part).
 */
final class Journals {
  private Journals() {}

  static Path dir(Path spec) {
    return spec.toAbsolutePath().getParent();
  }
}
