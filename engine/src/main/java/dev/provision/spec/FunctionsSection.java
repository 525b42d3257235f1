package dev.provision.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provision.model.Functions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads {@code functions:}: the app folder (relative to the spec), which must exist and hold {@code
 * convex/} and a {@code package.json} that depends on {@code convex}; the optional CLI version and
 * timeout. Only local files are read, so {@code validate} stays offline; whether {@code node} and
 * {@code npx} exist is checked by plan and apply ({@code FunctionsTools}).
 */
final class FunctionsSection {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FunctionsSection() {}

  static Optional<Functions> read(Fields root, Path specFile) {
    Fields f = root.child("functions");
    if (!f.present()) {
      return Optional.empty();
    }
    String text = f.string("dir", null);
    if (text == null) {
      return Optional.empty(); // the schema check reported the missing dir
    }
    if (text.isBlank()) {
      new Refusal(
              "is empty",
              "the app folder holding convex/ and package.json, relative to the spec's folder",
              "name the folder, such as `dir: .` when the spec sits in the app")
          .report(f, "dir");
      return Optional.empty();
    }
    Path dir = SpecPaths.resolve(f, "dir", text, specFile).toAbsolutePath().normalize();
    Refusal broken = check(dir);
    if (broken != null) {
      broken.report(f, "dir");
      return Optional.empty();
    }
    Optional<String> cli = Optional.ofNullable(f.string("cli", null));
    Duration timeout =
        Duration.ofSeconds(f.number("timeout", Functions.DEFAULT_TIMEOUT.toSeconds()));
    return Optional.of(new Functions(dir, cli, timeout));
  }

  /** Why {@code dir} is no Convex app folder, or null when it is one. */
  static Refusal check(Path dir) {
    if (!Files.isDirectory(dir)) {
      return new Refusal(
          "names no folder",
          "the app folder holding convex/ and package.json, relative to the spec's folder",
          "fix the path, or create the app with `npm create convex`");
    }
    if (!Files.isDirectory(dir.resolve("convex"))) {
      return new Refusal(
          "has no convex/ folder",
          "the app folder whose convex/ holds the functions",
          "point dir at the folder that contains convex/");
    }
    Path packageJson = dir.resolve("package.json");
    if (!Files.isRegularFile(packageJson)) {
      return new Refusal(
          "has no package.json",
          "an npm project that depends on convex",
          "run `npm init -y && npm install convex` in the app folder");
    }
    try {
      JsonNode pkg = JSON.readTree(packageJson.toFile());
      if (!pkg.path("dependencies").has("convex") && !pkg.path("devDependencies").has("convex")) {
        return new Refusal(
            "has a package.json that does not depend on convex",
            "\"convex\" in dependencies or devDependencies",
            "run `npm install convex` in the app folder");
      }
    } catch (IOException e) {
      return new Refusal(
          "has a package.json that is not valid JSON",
          "an npm project that depends on convex",
          "fix " + packageJson);
    }
    return null;
  }
}
