package dev.provision.driver.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.model.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Logging in with keys an operator already has, against a real sshd: keys held by a real {@code
 * ssh-agent} (ed25519 and RSA, whose signatures must be rsa-sha2), and a passphrase-protected key
 * file unlocked by target.ssh.passphraseEnv, SSH_ASKPASS or the prompt callback.
 */
class SshAgentIT {
  private static final String PASSPHRASE = "pt-correct horse";
  private static Path dir;
  private static SshServer server;
  private static Path rsa;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("pt-ssh-agent-");
    // the server authorizes dir/id_ed25519: make it a passphrase-protected key first
    SshServer.newKey(dir, "id_ed25519", "ed25519", PASSPHRASE);
    server = SshServer.start(dir);
    rsa = SshServer.newKey(dir, "id_rsa_locked", "rsa", PASSPHRASE);
    server.authorize(dir.resolve("id_rsa_locked.pub"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    SshServer.run(List.of("rm", "-rf", dir.toString()), 30);
  }

  private static Target.Ssh target(Path key, String passphraseEnv) {
    return new Target.Ssh(
        "127.0.0.1",
        server.port,
        "root",
        key.toString(),
        Target.KnownHosts.STRICT,
        server.knownHosts.toString(),
        passphraseEnv,
        Target.Ssh.NO_CONFIG);
  }

  private static SshConnector.Connected login(
      Target.Ssh target, Map<String, String> env, PassphrasePrompt prompt) {
    return SshConnector.connect(target, env, prompt, dir.toString(), SshSettings.DEFAULT);
  }

  private static final PassphrasePrompt NEVER =
      p -> {
        throw new AssertionError("asked for a passphrase: " + p);
      };

  @Test
  void keysInTheAgentLogIn() throws Exception {
    for (Path key : List.of(server.key, rsa)) {
      try (TestAgent agent = TestAgent.start(dir)) {
        agent.add(key, PASSPHRASE);
        SshConnector.Connected c =
            login(target(key, null), Map.of("SSH_AUTH_SOCK", agent.socket.toString()), NEVER);
        assertThat(c.ssh().isAuthenticated()).isTrue();
        c.close();
      }
    }
  }

  @Test
  void theAgentProtocolListsKeys() throws Exception {
    try (TestAgent agent = TestAgent.start(dir)) {
      agent.add(rsa, PASSPHRASE);
      List<SshAgent.Identity> ids = new SshAgent(agent.socket).identities();
      assertThat(ids).extracting(SshAgent.Identity::type).containsExactly("ssh-rsa");
      assertThat(ids.get(0).comment()).isEqualTo("pt-id_rsa_locked");
    }
  }

  @Test
  void passphraseFromTheNamedVariable() {
    SshConnector.Connected c =
        login(target(server.key, "PT_KEY_PASS"), Map.of("PT_KEY_PASS", PASSPHRASE), NEVER);
    assertThat(c.ssh().isAuthenticated()).isTrue();
    c.close();
  }

  @Test
  void passphraseFromAskpassAndFromThePrompt() throws IOException {
    Path askpass = TestAgent.askpass(dir, "askpass-ok", PASSPHRASE);
    SshConnector.Connected c =
        login(target(rsa, null), Map.of("SSH_ASKPASS", askpass.toString()), NEVER);
    assertThat(c.ssh().isAuthenticated()).isTrue();
    c.close();
    AtomicInteger asked = new AtomicInteger();
    PassphrasePrompt console =
        p -> {
          assertThat(p).isEqualTo("Enter passphrase for key '" + server.key + "': ");
          asked.incrementAndGet();
          return Optional.of(PASSPHRASE.toCharArray());
        };
    c = login(target(server.key, null), Map.of(), console);
    assertThat(c.ssh().isAuthenticated()).isTrue();
    assertThat(asked).hasValue(1);
    c.close();
  }

  @Test
  void aWrongPassphraseNamesTheKeyFileNotThePassphrase() {
    assertThatThrownBy(
            () ->
                login(target(server.key, "PT_KEY_PASS"), Map.of("PT_KEY_PASS", "wrong-pw"), NEVER))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining(
            "the passphrase from the environment variable PT_KEY_PASS does not decrypt the"
                + " identity file "
                + server.key)
        .hasMessageNotContaining("wrong-pw");
  }

  @Test
  void noAgentAndNoPassphraseIsTheClearAuthenticationError() {
    assertThatThrownBy(() -> login(target(server.key, null), Map.of(), PassphrasePrompt.NONE))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining(
            "ssh root@127.0.0.1:"
                + server.port
                + " refused public-key authentication for user root")
        .hasMessageContaining(
            "passphrase-protected and skipped (no passphrase available): " + server.key);
  }

  @Test
  void anUnsetPassphraseVariableIsNamed() {
    assertThatThrownBy(() -> login(target(server.key, "PT_NOT_SET"), Map.of(), NEVER))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining(
            "the environment variable PT_NOT_SET (target.ssh.passphraseEnv) is not set");
  }
}
