package dev.provision.spec;

import dev.provision.model.Outputs;
import java.nio.file.Path;

/**
 * Reads {@code outputs:}: the optional env file, relative to the file it is written in; never
 * empty.
 */
final class OutputsSection {
  private OutputsSection() {}

  static Outputs read(Fields root, Path specFile) {
    Fields o = root.child("outputs");
    String envFile = o.string("envFile", null);
    if (envFile != null && envFile.isBlank()) {
      new Refusal(
              "is empty",
              "a file path relative to the spec's folder, such as .env.local",
              "name the file, or remove `outputs.envFile` to write none")
          .report(o, "envFile");
      envFile = null;
    }
    return new Outputs(envFile == null ? null : SpecPaths.resolve(o, "envFile", envFile, specFile));
  }
}
