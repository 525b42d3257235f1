package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.spec.YNode.Kind;
import dev.provision.spec.YNode.YScalar;

/**
 * Warns when a secret (password, client secret, API key, secret access key, instance secret) is
 * written into the spec as plain text instead of a reference. Never shows the value.
 */
final class LiteralSecrets {
  private LiteralSecrets() {}

  static void check(Fields f, String key) {
    YScalar s = f.scalar(key);
    if (s != null && s.kind() == Kind.STRING && !s.sensitive()) {
      f.add(
          Diagnostic.warning(s.position(), f.path(key), "`" + key + "` is written as plain text")
              .withHint(
                  "write it as ${env:NAME} (or ${file:PATH}) so the secret stays out of the spec"));
    }
  }
}
