package dev.provision.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.CertificateFile;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Target;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection failures that are decided before any byte reaches an engine. */
class DockerConnectionTest {

  @Test
  void aMissingCertificateIsNamed(@TempDir Path certs) {
    Target.Docker target = new Target.Docker("tcp://127.0.0.1:2376", certs.toString(), true);

    assertThatThrownBy(() -> DockerHostDriver.connect(target, Map.of()))
        .isInstanceOf(ProvisionException.class)
        .hasMessage(
            "error: cannot use TLS for the Docker engine at tcp://127.0.0.1:2376 (TLS)\n"
                + "  expected: ca.pem, cert.pem and key.pem in "
                + certs
                + " (regular files of at most 1 MiB)\n"
                + "  found: ca.pem is missing or unreadable\n"
                + "  hint: point target.docker.tlsCertPath or DOCKER_CERT_PATH at the folder"
                + " holding the engine's client certificates");
  }

  /**
   * A FIFO, a device, a folder or a huge file as a certificate is refused before docker-java reads
   * it (a FIFO would block it, /dev/zero exhaust its memory).
   */
  @Test
  void aCertificateThatIsNotARegularFileOrTooLargeIsRefusedAtOnce(@TempDir Path certs)
      throws Exception {
    Files.writeString(certs.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    Files.writeString(certs.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n");
    Target.Docker target = new Target.Docker("tcp://127.0.0.1:2376", certs.toString(), true);
    Path cert = certs.resolve("cert.pem");

    assertThat(new ProcessBuilder("mkfifo", cert.toString()).start().waitFor()).isZero();
    assertThatThrownBy(() -> DockerHostDriver.connect(target, Map.of()))
        .hasMessageContaining("  found: cert.pem `" + cert + "` is not a regular file\n");

    Files.delete(cert);
    Files.createSymbolicLink(cert, Path.of("/dev/zero"));
    assertThatThrownBy(() -> DockerHostDriver.connect(target, Map.of()))
        .hasMessageContaining("  found: cert.pem `" + cert + "` is not a regular file\n");

    Files.delete(cert);
    Files.createDirectory(cert);
    assertThatThrownBy(() -> DockerHostDriver.connect(target, Map.of()))
        .hasMessageContaining("  found: cert.pem `" + cert + "` is a folder, not a file\n");

    Files.delete(cert);
    try (RandomAccessFile file = new RandomAccessFile(cert.toFile(), "rw")) {
      file.setLength(CertificateFile.MAX_BYTES + 1L);
    }
    assertThatThrownBy(() -> DockerHostDriver.connect(target, Map.of()))
        .hasMessageContaining("  found: cert.pem `" + cert + "` is too large\n");
  }

  @Test
  void aMissingSocketIsNamedWithoutTryingToConnect(@TempDir Path dir) {
    String host = "unix://" + dir.resolve("docker.sock");

    assertThatThrownBy(
            () -> DockerHostDriver.connect(Target.Docker.local(), Map.of("DOCKER_HOST", host)))
        .isInstanceOf(ProvisionException.class)
        .hasMessage(
            "error: cannot reach the Docker engine at "
                + host
                + "\n"
                + "  found: socket "
                + dir.resolve("docker.sock")
                + " does not exist\n"
                + "  hint: start it (sudo systemctl start docker, or dockerd), or point DOCKER_HOST"
                + " or target.docker.host at a running engine");
  }
}
