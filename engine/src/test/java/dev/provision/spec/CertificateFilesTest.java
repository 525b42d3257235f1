package dev.provision.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.CertificateFile;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * CA files ({@code caFile}) and the files in {@code tlsCertPath} are checked through {@link
 * CertificateFile} when the spec is read: a FIFO, {@code /dev/zero}, a folder or a file over 1 MiB
 * is an error at the key that names it, at once (no hang, no memory exhausted).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class CertificateFilesTest {
  private static final String HEAD =
      "version: 1\ndeployment: app\nbackend:\n  image: ghcr.io/get-convex/convex-backend:"
          + "0123456789abcdef0123456789abcdef01234567\n";
  private static final String PG =
      "database:\n  postgres:\n    external:\n      url: postgres://convex@db.example.com\n"
          + "      password: \"${env:PGPASSWORD}\"\n      caFile: ";

  @TempDir Path dir;

  @Test
  void aFifoAsCaFileIsAnErrorAtItsKey() throws Exception {
    Path fifo = dir.resolve("ca.pem");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    assertThat(render(PG + "ca.pem\n"))
        .isEqualTo(
            spec()
                + ":10:15: error: CA file `"
                + fifo
                + "` is not a regular file\n"
                + "  at: database.postgres.external.caFile\n"
                + "  expected: a regular file\n"
                + "  found: a device, pipe (FIFO) or socket\n"
                + "  hint: save the content to a file and give its path");
  }

  @Test
  void devZeroAndAFolderAsCaFileAreErrors() throws Exception {
    assertThat(render(PG + "/dev/zero\n"))
        .startsWith(spec() + ":10:15: error: CA file `/dev/zero` is not a regular file\n");
    Files.createDirectory(dir.resolve("certs"));
    assertThat(render(PG + "certs\n"))
        .startsWith(
            spec()
                + ":10:15: error: CA file `"
                + dir.resolve("certs")
                + "` is a folder, not a file");
  }

  @Test
  void aCaFileOverTheLimitIsAnError() throws Exception {
    try (RandomAccessFile file = new RandomAccessFile(dir.resolve("ca.pem").toFile(), "rw")) {
      file.setLength(3L * 1024 * 1024 * 1024); // sparse: the size must not be trusted or read
    }
    assertThat(render(PG + "ca.pem\n"))
        .isEqualTo(
            spec()
                + ":10:15: error: CA file `"
                + dir.resolve("ca.pem")
                + "` is too large\n"
                + "  at: database.postgres.external.caFile\n"
                + "  expected: at most 1 MiB (1048576 bytes)\n"
                + "  found: more than 1048576 bytes");
  }

  @Test
  void aRegularCaFileIsAccepted() throws Exception {
    Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    assertThat(render(PG + "ca.pem\n")).isEmpty();
  }

  @Test
  void aFifoOrDeviceInTlsCertPathIsAnErrorAtTlsCertPath() throws Exception {
    Path certs = Files.createDirectory(dir.resolve("certs"));
    Files.writeString(certs.resolve("ca.pem"), "x");
    Files.createSymbolicLink(certs.resolve("cert.pem"), Path.of("/dev/zero"));
    assertThat(new ProcessBuilder("mkfifo", certs.resolve("key.pem").toString()).start().waitFor())
        .isZero();
    assertThat(
            render("target:\n  docker:\n    host: tcp://10.0.0.5:2376\n    tlsCertPath: certs\n"))
        .isEqualTo(
            spec()
                + ":8:18: error: cert.pem `"
                + certs.resolve("cert.pem")
                + "` is not a regular file\n"
                + "  at: target.docker.tlsCertPath\n"
                + "  expected: a regular file\n"
                + "  found: a device, pipe (FIFO) or socket\n"
                + "  hint: save the content to a file and give its path\n"
                + spec()
                + ":8:18: error: key.pem `"
                + certs.resolve("key.pem")
                + "` is not a regular file\n"
                + "  at: target.docker.tlsCertPath\n"
                + "  expected: a regular file\n"
                + "  found: a device, pipe (FIFO) or socket\n"
                + "  hint: save the content to a file and give its path");
  }

  private Path spec() {
    return dir.resolve("spec.yaml");
  }

  private String render(String body) throws Exception {
    Files.writeString(spec(), HEAD + body);
    try {
      Fixtures.reader().read(spec(), List.of());
      return "";
    } catch (ProvisionException e) {
      return e.diagnostics().stream().map(Diagnostic::render).collect(Collectors.joining("\n"));
    }
  }
}
