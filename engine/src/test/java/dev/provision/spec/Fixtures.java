package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The fixed fake environment and rendering shared by the spec tests. */
final class Fixtures {
  static final String INSTANCE_SECRET =
      "4d2f0c1a9b8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a392817060504";

  static final Map<String, String> ENV =
      Map.of(
          "PGPASSWORD", "pg-secret-value",
          "AUTH_GITHUB_SECRET", "gh-secret-value",
          "CONVEX_INSTANCE_SECRET", INSTANCE_SECRET,
          "OPENAI_API_KEY", "sk-openai-secret",
          "SHORT_SECRET", "not-hex-secret",
          "AWS_ACCESS_KEY_ID", "AKIA-secret-id",
          "AWS_SECRET_ACCESS_KEY", "aws-secret-value");

  private Fixtures() {}

  static SpecReader reader() {
    return new SpecReader(ENV);
  }

  /** Every diagnostic of a read (errors thrown, or warnings of a success), rendered. */
  static String render(Path file, List<String> sets) {
    List<Diagnostic> diagnostics;
    try {
      diagnostics = reader().read(file, sets).warnings();
    } catch (ProvisionException e) {
      diagnostics = e.diagnostics();
    }
    return diagnostics.stream().map(Diagnostic::render).collect(Collectors.joining("\n"));
  }
}
