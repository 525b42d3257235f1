package dev.provision.spec;

import dev.provision.diag.SourcePosition;
import java.nio.file.Path;

/**
 * Resolves a relative path written in a spec: against the folder of the file it was written in,
 * or of the spec file for {@code --set} values and defaults. Stays relative when the spec path was
 * relative, so results do not depend on the machine. {@code ~} is left for the drivers.
 */
final class SpecPaths {
  private SpecPaths() {}

  static Path resolve(SourcePosition writtenAt, String value, Path specFile) {
    Path base = writtenAt == null || SetOverrides.FILE.equals(writtenAt.file())
        ? specFile : Path.of(writtenAt.file());
    return base.resolveSibling(value).normalize();
  }
}
