package dev.provision.driver.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.model.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenSSH user certificates held by a real {@code ssh-agent} ({@code ssh-keygen -s ca -I id -n root
 * key.pub}, then {@code ssh-add key} also loads {@code key-cert.pub}): a server that trusts the CA
 * ({@code TrustedUserCAKeys}) lets the certificate in though the key itself is in no
 * authorized_keys (ed25519, and RSA signed rsa-sha2); a server that does not trust it refuses the
 * certificate and the next identity still logs in.
 */
class SshAgentCertIT {
  private static final String CA_FILE = "/etc/ssh/pt_user_ca.pub";
  private static Path dir;
  private static SshServer trusting;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("pt-ssh-cert-");
    trusting =
        SshServer.start(dir, SshServer.IMAGE, "root", List.of("TrustedUserCAKeys=" + CA_FILE));
    Path ca = SshServer.newKey(dir, "ca");
    String caLine = Files.readString(dir.resolve("ca.pub")).trim();
    SshServer.run(
        List.of(
            "docker",
            "exec",
            trusting.container,
            "sh",
            "-c",
            "printf '%s\\n' \"$0\" > " + CA_FILE,
            caLine),
        30);
    for (String type : List.of("ed25519", "rsa")) {
      Path key = SshServer.newKey(dir, "cert_" + type, type, "");
      SshServer.run(
          List.of(
              "ssh-keygen",
              "-q",
              "-s",
              ca.toString(),
              "-I",
              "pt-cert-" + type,
              "-n",
              "root",
              key + ".pub"),
          30);
    }
  }

  @AfterAll
  static void stop() {
    if (trusting != null) {
      trusting.close();
    }
    SshServer.run(List.of("rm", "-rf", dir.toString()), 30);
  }

  private static Target.Ssh target(SshServer server, Path key) {
    return new Target.Ssh(
        "127.0.0.1",
        server.port,
        "root",
        key == null ? null : key.toString(),
        Target.KnownHosts.STRICT,
        server.knownHosts.toString(),
        null,
        Target.Ssh.NO_CONFIG);
  }

  @Test
  void aCertificateTheServerTrustsLogsIn() throws Exception {
    for (String type : List.of("ed25519", "rsa")) {
      try (TestAgent agent = TestAgent.start(dir)) {
        agent.add(dir.resolve("cert_" + type), "");
        List<SshAgent.Identity> ids = new SshAgent(agent.socket).identities();
        assertThat(ids)
            .extracting(SshAgent.Identity::type)
            .anyMatch(t -> t.endsWith("-cert-v01@openssh.com"));
        // no identity file: the agent's plain key is refused, its certificate is accepted
        SshConnector.Connected c =
            SshConnector.connect(
                target(trusting, dir.resolve("absent")),
                Map.of("SSH_AUTH_SOCK", agent.socket.toString()),
                PassphrasePrompt.NONE,
                dir.toString(),
                SshSettings.DEFAULT);
        assertThat(c.ssh().isAuthenticated()).as(type).isTrue();
        c.close();
      }
    }
  }

  @Test
  void aCertificateTheServerDoesNotTrustIsSkippedAndTheKeyFileLogsIn() throws Exception {
    try (SshServer plain = SshServer.inTempDir("pt-ssh-cert-plain-");
        TestAgent agent = TestAgent.start(dir)) {
      agent.add(dir.resolve("cert_ed25519"), "");
      SshConnector.Connected c =
          SshConnector.connect(
              target(plain, plain.key),
              Map.of("SSH_AUTH_SOCK", agent.socket.toString()),
              PassphrasePrompt.NONE,
              dir.toString(),
              SshSettings.DEFAULT);
      assertThat(c.ssh().isAuthenticated()).isTrue();
      c.close();
    }
  }
}
