package dev.provision.spec;

import dev.provision.model.FrontendEnv;
import dev.provision.model.Outputs;
import java.nio.file.Path;

/**
 * Reads {@code outputs:}: the optional env file and frontend env file, each relative to the file it
 * is written in; never empty.
 */
final class OutputsSection {
  private OutputsSection() {}

  static Outputs read(Fields root, Path specFile) {
    Fields o = root.child("outputs");
    Path envFile =
        path(
            o, "envFile", "such as .env.local", "remove `outputs.envFile` to write none", specFile);
    return new Outputs(envFile, frontendEnv(o.child("frontendEnv"), specFile));
  }

  private static FrontendEnv frontendEnv(Fields f, Path specFile) {
    if (!f.present()) {
      return null;
    }
    Path path =
        path(f, "path", "such as .env", "remove `outputs.frontendEnv` to write none", specFile);
    FrontendEnv.Framework framework = FrontendEnv.Framework.of(f.string("framework", null));
    if (path == null || framework == null) {
      return null; // the schema check reported a missing or unknown value
    }
    return new FrontendEnv(path, framework, f.bool("siteUrl", false));
  }

  private static Path path(Fields f, String key, String example, String remove, Path specFile) {
    String text = f.string(key, null);
    if (text != null && text.isBlank()) {
      new Refusal(
              "is empty",
              "a file path relative to the spec's folder, " + example,
              "name the file, or " + remove)
          .report(f, key);
      return null;
    }
    return text == null ? null : SpecPaths.resolve(f, key, text, specFile);
  }
}
