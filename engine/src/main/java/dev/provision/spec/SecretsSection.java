package dev.provision.spec;

import dev.provision.model.SecretKind;
import dev.provision.model.Secrets;
import dev.provision.model.Value;
import java.nio.file.Path;

/**
 * Reads {@code secrets:}: where generated secrets are kept (default {@code
 * .provision/<deployment>.secrets.json} next to the spec file) and an instance secret given from
 * outside, which must be exactly 64 hex characters. Never shows the secret.
 */
final class SecretsSection {
  private static final String FILE_KEY = SecretKind.INSTANCE_SECRET.fileKey();

  private SecretsSection() {}

  static Secrets read(Fields root, String deployment, Path specFile) {
    Fields s = root.child("secrets");
    String file = s.string("file", null);
    if (file != null && file.isBlank()) {
      new Refusal(
              "is empty",
              "a file path relative to the spec's folder",
              "remove the key to use .provision/<deployment>.secrets.json")
          .report(s, "file");
      file = null;
    }
    String fallback = ".provision/" + NameRules.PLACEHOLDER + ".secrets.json";
    Path path = file != null ? SpecPaths.resolve(s, "file", file, specFile) : null;
    if (path == null) {
      path =
          SpecPaths.resolveDefault(
              ".provision/" + deployment + ".secrets.json", fallback, specFile);
    }
    Value secret = s.value(FILE_KEY, true);
    if (secret != null && !secret.unresolved() && !secret.text().matches("[0-9a-fA-F]{64}")) {
      s.add(
          s.error(FILE_KEY, "`secrets." + FILE_KEY + "` is not 64 hex characters")
              .withExpected("exactly 64 hex characters (32 bytes); anything else stops the backend")
              .withHint("generate one with `openssl rand -hex 32`"));
    }
    LiteralSecrets.check(s, FILE_KEY);
    return new Secrets(path, secret);
  }
}
