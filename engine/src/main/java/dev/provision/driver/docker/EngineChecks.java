package dev.provision.driver.docker;

import dev.provision.diag.CertificateFile;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What is checked about a Docker endpoint before any connection is tried, and the one error for an
 * engine that cannot be reached: a missing socket or certificate file is named as such instead of
 * failing deep in the HTTP or TLS set-up.
 */
final class EngineChecks {
  private EngineChecks() {}

  /** A missing socket file gets its own message: the usual cause is an engine not started. */
  static void checkSocket(DockerEndpoint endpoint) {
    if (endpoint.local() && !Files.exists(Path.of(endpoint.host().getPath()))) {
      throw unreachable(endpoint, "socket " + endpoint.host().getPath() + " does not exist", null);
    }
  }

  /** TLS needs three PEM files; a missing one is named instead of failing deep in the TLS setup. */
  static void checkCertificates(DockerEndpoint endpoint) {
    if (!endpoint.tls()) {
      return;
    }
    for (String file : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
      Path path = Path.of(endpoint.certPath(), file);
      // docker-java reads them itself: refuse a FIFO, a device or a huge file before it does
      String problem =
          !Files.isReadable(path)
              ? file + " is missing or unreadable"
              : CertificateFile.problem(path, file, path.toString())
                  .map(Diagnostic::message)
                  .orElse(null);
      if (problem != null) {
        throw new ProvisionException(
            Diagnostic.error(null, null, "cannot use TLS for the Docker engine at " + endpoint)
                .withExpected(
                    "ca.pem, cert.pem and key.pem in "
                        + endpoint.certPath()
                        + " (regular files of at most 1 MiB)")
                .withFound(problem)
                .withHint(
                    "point target.docker.tlsCertPath or DOCKER_CERT_PATH at the folder holding"
                        + " the engine's client certificates"));
      }
    }
  }

  static ProvisionException unreachable(DockerEndpoint endpoint, String why, Throwable cause) {
    Diagnostic d =
        Diagnostic.error(null, null, "cannot reach the Docker engine at " + endpoint)
            .withFound(why)
            .withHint(
                endpoint.local()
                    ? "start it (sudo systemctl start docker, or dockerd), or point DOCKER_HOST"
                        + " or target.docker.host at a running engine"
                    : "check that dockerd listens on "
                        + endpoint.host()
                        + " and that TLS"
                        + " settings (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) match it; or set"
                        + " DOCKER_HOST / target.docker.host to a running engine");
    return cause == null ? new ProvisionException(d) : new ProvisionException(d, cause);
  }
}
