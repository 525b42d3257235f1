package dev.provision.spec;

import dev.provision.diag.CertificateFile;
import dev.provision.model.Value;
import java.nio.file.Path;

/**
 * Checks, when a spec is read, that a certificate file it names ({@code caFile}, the files in
 * {@code tlsCertPath}) can be read: a regular file within {@link CertificateFile}'s limit. The
 * error is placed at the key that names it; a path from a reference is masked.
 */
final class CertificateChecks {
  private CertificateChecks() {}

  /** Adds an error at {@code key} when {@code file} (which exists) cannot be read. */
  static void check(Fields fields, String key, Path file, String what) {
    YNode.YScalar scalar = fields.scalar(key);
    String shown = scalar != null && scalar.sensitive() ? Value.MASK : file.toString();
    CertificateFile.problem(file, what, shown)
        .ifPresent(
            p ->
                fields.add(
                    fields
                        .error(key, p.message())
                        .withExpected(p.expected())
                        .withFound(p.found())
                        .withHint(p.hint())));
  }
}
