package dev.provision.engine;

import dev.provision.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code provision env-file} did: the file written, the URL in it, where the secret behind the
 * new admin key came from, the conflicting lines removed and warnings about the URL. Holds no key.
 */
public record EnvFileResult(
    Path path, String url, String secretSource, List<String> removed, List<Diagnostic> warnings) {
  public EnvFileResult {
    removed = List.copyOf(removed);
    warnings = List.copyOf(warnings);
  }
}
