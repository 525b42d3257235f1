package dev.provision.spec;

import dev.provision.model.Outputs;
import java.nio.file.Path;

/** Reads {@code outputs:}: the optional env file, relative to the file it is written in. */
final class OutputsSection {
  private OutputsSection() {}

  static Outputs read(Fields root, Path specFile) {
    Fields o = root.child("outputs");
    String envFile = o.string("envFile", null);
    return new Outputs(envFile == null ? null : SpecPaths.resolve(o, "envFile", envFile, specFile));
  }
}
