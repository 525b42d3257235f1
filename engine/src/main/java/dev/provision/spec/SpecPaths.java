package dev.provision.spec;

import dev.provision.diag.SourcePosition;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Resolves a relative path written in a spec: against the folder of the file it was written in, or
 * of the spec file for {@code --set} values and defaults. Stays relative when the spec path was
 * relative, so results do not depend on the machine. {@code ~} is left for the drivers.
 */
final class SpecPaths {
  private SpecPaths() {}

  static Path resolve(SourcePosition writtenAt, String value, Path specFile) {
    Path base =
        writtenAt == null || SetOverrides.FILE.equals(writtenAt.file())
            ? specFile
            : Path.of(writtenAt.file());
    return base.resolveSibling(value).normalize();
  }

  /** Resolves the path written at {@code key}; reports and returns null when it is unusable. */
  static Path resolve(Fields f, String key, String value, Path specFile) {
    try {
      return resolve(f.at(key), value, specFile);
    } catch (InvalidPathException e) {
      f.add(
          f.error(key, "`" + f.path(key) + "` is not a usable path")
              .withExpected("a file path without control characters"));
      return null;
    }
  }

  /** Resolves a default path; falls back to {@code fallback} when a name made it unusable. */
  static Path resolveDefault(String value, String fallback, Path specFile) {
    try {
      return resolve(null, value, specFile);
    } catch (InvalidPathException e) {
      return resolve(null, fallback, specFile);
    }
  }
}
