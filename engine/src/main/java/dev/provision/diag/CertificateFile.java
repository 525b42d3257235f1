package dev.provision.diag;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A certificate or key file the user names and provision reads on its own machine: the Postgres
 * {@code caFile}, Docker's {@code ca.pem}, {@code cert.pem} and {@code key.pem} (from {@code
 * tlsCertPath}, {@code DOCKER_CERT_PATH} or {@code ~/.docker}), an SSH identity file. Each is read
 * or checked only through {@link BoundedFile}: a regular file of at most {@value #MAX_BYTES} bytes
 * (1 MiB), so a FIFO, a device such as {@code /dev/zero}, a folder or a huge file gets a clear
 * error at once instead of a hang or an exhausted memory deep inside a TLS or SSH library.
 */
public final class CertificateFile {
  /** Largest certificate or key file read: 1 MiB (a PEM bundle of many CAs is far smaller). */
  public static final int MAX_BYTES = 1024 * 1024;

  private CertificateFile() {}

  /**
   * The file's bytes.
   *
   * @param what the words for the file in messages, such as "CA file (caFile)"
   * @throws ProvisionException when it is missing, not a regular file, unreadable or too large
   */
  public static byte[] read(Path file, String what) {
    return BoundedFile.read(file, what, MAX_BYTES);
  }

  /**
   * What is wrong with the file, as a diagnostic without a position for the caller to place; empty
   * when it can be read.
   *
   * @param shown the file's name in messages (a mask when the path came from a reference)
   */
  public static Optional<Diagnostic> problem(Path file, String what, String shown) {
    try {
      BoundedFile.read(file, what, shown, MAX_BYTES);
      return Optional.empty();
    } catch (ProvisionException e) {
      return e.diagnostics().stream().findFirst();
    }
  }
}
