package dev.provision.cli;

import java.nio.file.Path;

/** Where apply journals go: {@code .provision/journal} next to the spec. */
final class Journals {
  private Journals() {}

  static Path dir(Path spec) {
    Path parent = spec.toAbsolutePath().getParent();
    return parent.resolve(".provision").resolve("journal");
  }
}
