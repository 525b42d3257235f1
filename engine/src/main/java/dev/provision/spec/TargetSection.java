package dev.provision.spec;

import dev.provision.model.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code target:}: a Docker engine (default: the local one, DOCKER_HOST honoured by the
 * driver) or an SSH host. Checks the Docker host URL (scheme, host, socket path, port), the SSH
 * host and user ({@link HostRules}) and the TLS folder's files.
 */
final class TargetSection {
  private TargetSection() {}

  static Target read(Fields root, Path specFile) {
    Fields t = root.child("target");
    if (t.has("ssh")) {
      Fields s = t.child("ssh");
      String host = s.string("host", "");
      if (s.has("host") && host != null && host.isBlank()) {
        s.add(
            s.error("host", "`target.ssh.host` is empty")
                .withExpected("a host name or IP address"));
      } else if (s.has("host") && host != null) {
        Refusal.reportIf(HostRules.sshHost(host), s, "host");
      }
      String user = s.string("user", "root");
      if (s.has("user") && user != null) {
        Refusal.reportIf(HostRules.sshUser(user), s, "user");
      }
      ValueRules.notBlank(
          s,
          "identityFile",
          "a private key file",
          "name the key file, or remove the key to use the agent");
      ValueRules.notBlank(
          s,
          "knownHostsFile",
          "a known_hosts file",
          "name the file, or remove the key to use ~/.ssh/known_hosts");
      String mode = s.string("knownHosts", "strict");
      return new Target.Ssh(
          host == null ? "" : host,
          s.integer("port", 22),
          BackendSection.orDefault(user, "root"),
          s.string("identityFile", null),
          "accept-new".equals(mode) ? Target.KnownHosts.ACCEPT_NEW : Target.KnownHosts.STRICT,
          BackendSection.orDefault(
              s.string("knownHostsFile", "~/.ssh/known_hosts"), "~/.ssh/known_hosts"));
    }
    if (!t.has("docker")) {
      return Target.Docker.local();
    }
    Fields d = t.child("docker");
    String host = d.string("host", null);
    if (host != null && !host.startsWith("unix://") && !host.startsWith("tcp://")) {
      d.add(
          d.error("host", "`target.docker.host` has an unsupported scheme")
              .withExpected("unix:///path/to/docker.sock or tcp://host:port")
              .withFound(d.shown("host"))
              .withHint(
                  host.startsWith("ssh://")
                      ? "use `target.ssh` for a host reached over SSH"
                      : null));
    } else if (host != null) {
      Refusal.reportIf(HostRules.dockerHost(host), d, "host");
    }
    String certs = d.string("tlsCertPath", null);
    String certPath = null;
    if (certs != null) {
      Path folder = SpecPaths.resolve(d, "tlsCertPath", certs, specFile);
      certPath = folder == null ? null : folder.toString();
      List<String> missing = new ArrayList<>();
      for (String name : List.of("ca.pem", "cert.pem", "key.pem")) {
        if (folder != null && !Files.exists(folder.resolve(name))) {
          missing.add(name);
        } else if (folder != null) {
          CertificateChecks.check(d, "tlsCertPath", folder.resolve(name), name);
        }
      }
      if (!missing.isEmpty()) {
        d.add(
            d.error("tlsCertPath", "`target.docker.tlsCertPath` lacks TLS files")
                .withExpected("a folder with ca.pem, cert.pem and key.pem")
                .withFound("missing " + String.join(", ", missing) + " in " + folder));
      }
    }
    return new Target.Docker(host, certPath, d.bool("tlsVerify", certPath != null));
  }
}
