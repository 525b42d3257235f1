package dev.provision.spec;

import dev.provision.model.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads {@code target:}: a Docker engine (default: the local one, DOCKER_HOST honoured by the
 * driver), an SSH host or a Docker Swarm manager (its engine API, or over SSH with the same keys as
 * {@code target.ssh}). Checks the engine URL (scheme, host, socket path, port) and TLS folder's
 * files of Docker and Swarm alike, the SSH host and user and the Swarm node ({@link HostRules}).
 */
final class TargetSection {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private TargetSection() {}

  static Target read(Fields root, Path specFile) {
    Fields t = root.child("target");
    if (t.has("ssh")) {
      return ssh(t.child("ssh"));
    }
    if (t.has("swarm")) {
      return swarm(t.child("swarm"), specFile);
    }
    if (!t.has("docker")) {
      return Target.Docker.local();
    }
    Engine engine =
        engine(t.child("docker"), specFile, "use `target.ssh` for a host reached over SSH");
    return new Target.Docker(engine.host(), engine.certPath(), engine.tlsVerify());
  }

  /** {@code target.swarm}: the manager's engine API or an SSH login (not both), and the node. */
  private static Target.Swarm swarm(Fields w, Path specFile) {
    String node = w.string("node", null);
    Target.Swarm swarm;
    if (w.has("ssh")) {
      for (String engineKey : List.of("host", "tlsCertPath", "tlsVerify")) {
        if (w.has(engineKey)) {
          w.add(
              w.error(
                      engineKey,
                      "`" + w.path(engineKey) + "` conflicts with `" + w.path("ssh") + "`")
                  .withExpected("either `ssh:` (the manager over SSH) or the engine API's `host`")
                  .withHint(
                      "remove `"
                          + engineKey
                          + "`: over SSH the manager's own Docker socket is used, through"
                          + " `docker system dial-stdio`"));
        }
      }
      swarm = Target.Swarm.overSsh(ssh(w.child("ssh")), node);
    } else {
      Engine engine = engine(w, specFile, "use `target.swarm.ssh` for a manager reached over SSH");
      swarm = new Target.Swarm(engine.host(), engine.certPath(), engine.tlsVerify(), node);
    }
    if (node != null) {
      Refusal.reportIf(HostRules.swarmNode(node), w, "node");
    }
    return swarm;
  }

  /**
   * An SSH login as {@code target.ssh} and {@code target.swarm.ssh} both give it: host, port, user,
   * key, known hosts, passphrase variable and OpenSSH config file.
   */
  private static Target.Ssh ssh(Fields s) {
    String host = s.string("host", "");
    if (s.has("host") && host != null && host.isBlank()) {
      s.add(
          s.error("host", "`" + s.path("host") + "` is empty")
              .withExpected("a host name or IP address"));
    } else if (s.has("host") && host != null) {
      Refusal.reportIf(HostRules.sshHost(host), s, "host");
    }
    String user = s.string("user", null);
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
    String passphraseEnv = s.string("passphraseEnv", null);
    if (passphraseEnv != null && !ENV_NAME.matcher(passphraseEnv).matches()) {
      s.add(
          s.error(
                  "passphraseEnv",
                  "`" + s.path("passphraseEnv") + "` is not an environment variable name")
              .withExpected("a name such as DEPLOY_KEY_PASSPHRASE (letters, digits, _)")
              .withHint(
                  "name the variable that holds the passphrase, never the passphrase itself"));
    }
    ValueRules.notBlank(
        s,
        "configFile",
        "an OpenSSH client config file, or none",
        "name the file, write `none` to read no config, or remove the key to use ~/.ssh/config");
    String mode = s.string("knownHosts", null);
    return new Target.Ssh(
        host == null ? "" : host,
        s.integer("port", 0),
        user == null || user.isBlank() ? null : user,
        s.string("identityFile", null),
        mode == null
            ? null
            : "accept-new".equals(mode) ? Target.KnownHosts.ACCEPT_NEW : Target.KnownHosts.STRICT,
        s.string("knownHostsFile", null),
        passphraseEnv,
        s.string("configFile", null));
  }

  /** An engine API endpoint as {@code target.docker} and {@code target.swarm} both give it. */
  private record Engine(String host, String certPath, boolean tlsVerify) {}

  private static Engine engine(Fields d, Path specFile, String sshHint) {
    String host = d.string("host", null);
    if (host != null && !host.startsWith("unix://") && !host.startsWith("tcp://")) {
      d.add(
          d.error("host", "`" + d.path("host") + "` has an unsupported scheme")
              .withExpected("unix:///path/to/docker.sock or tcp://host:port")
              .withFound(d.shown("host"))
              .withHint(host.startsWith("ssh://") ? sshHint : null));
    } else if (host != null) {
      Refusal refusal = HostRules.dockerHost(host);
      Refusal.reportIf(refusal, d, "host");
      if (refusal == null && host.startsWith("unix://")) {
        Refusal.reportIf(
            SocketFiles.notASocket(Path.of(host.substring("unix://".length()))), d, "host");
      }
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
            d.error("tlsCertPath", "`" + d.path("tlsCertPath") + "` lacks TLS files")
                .withExpected("a folder with ca.pem, cert.pem and key.pem")
                .withFound("missing " + String.join(", ", missing) + " in " + folder));
      }
    }
    return new Engine(host, certPath, d.bool("tlsVerify", certPath != null));
  }
}
