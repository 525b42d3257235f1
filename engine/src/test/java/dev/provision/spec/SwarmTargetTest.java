package dev.provision.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.model.Spec;
import dev.provision.model.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code target.swarm} reads: the engine fields as {@code target.docker}'s or an SSH login as
 * {@code target.ssh}'s, the data node, and the backend published on all interfaces (a Swarm's
 * host-mode ports carry no address). Refusals and warnings are pinned by the {@code swarm-*} cases
 * of {@link BrokenSpecTest}.
 */
class SwarmTargetTest {
  private static final String HEAD =
      "version: 1\ndeployment: app\nbackend:\n  image: "
          + "ghcr.io/get-convex/convex-backend:0123456789abcdef0123456789abcdef01234567\n";

  @TempDir Path dir;

  private Spec read(String body) throws IOException {
    Path file = dir.resolve("spec.yaml");
    Files.writeString(file, body);
    return Fixtures.reader().read(file, List.of()).spec();
  }

  @Test
  void theLocalManagerAndItsOwnNodeByDefault() throws IOException {
    Spec spec = read(HEAD + "target:\n  swarm: {}\n");
    assertThat(spec.target()).isEqualTo(new Target.Swarm(null, null, false, null));
    assertThat(spec.backend().bind()).isEqualTo("0.0.0.0");
    assertThat(spec.backend().cloudOrigin()).isEqualTo("http://127.0.0.1:3210");
  }

  @Test
  void aRemoteManagerWithTlsAndADataNode() throws IOException {
    Files.createDirectories(dir.resolve("certs"));
    for (String f : List.of("ca.pem", "cert.pem", "key.pem")) {
      Files.writeString(dir.resolve("certs").resolve(f), "x");
    }
    Spec spec =
        read(
            HEAD
                + "target:\n  swarm:\n    host: tcp://10.0.0.5:2376\n    tlsCertPath: ./certs\n"
                + "    node: data-1\n");
    assertThat(spec.target())
        .isEqualTo(
            new Target.Swarm(
                "tcp://10.0.0.5:2376", dir.resolve("certs").toString(), true, "data-1"));
  }

  @Test
  void aManagerOverSshWithTheKeysOfTargetSsh() throws IOException {
    Spec spec =
        read(
            HEAD
                + "target:\n  swarm:\n    node: data-1\n    ssh:\n      host: manager-1\n"
                + "      port: 2222\n      user: deploy\n      identityFile: ~/.ssh/deploy\n"
                + "      knownHosts: accept-new\n      knownHostsFile: ./kh\n"
                + "      passphraseEnv: DEPLOY_PASS\n      configFile: none\n");
    assertThat(spec.target())
        .isEqualTo(
            Target.Swarm.overSsh(
                new Target.Ssh(
                    "manager-1",
                    2222,
                    "deploy",
                    "~/.ssh/deploy",
                    Target.KnownHosts.ACCEPT_NEW,
                    "./kh",
                    "DEPLOY_PASS",
                    "none"),
                "data-1"));
    assertThat(spec.backend().bind()).isEqualTo("0.0.0.0");
  }

  @Test
  void aManagerOverSshLeavesTheRestToTheOpenSshConfig() throws IOException {
    Spec spec = read(HEAD + "target:\n  swarm:\n    ssh: {host: swarm-manager}\n");
    assertThat(spec.target())
        .isEqualTo(
            Target.Swarm.overSsh(
                new Target.Ssh("swarm-manager", 0, null, null, null, null, null, null), null));
  }

  @Test
  void otherTargetsKeepTheirBind() throws IOException {
    assertThat(read(HEAD).backend().bind()).isEqualTo("127.0.0.1");
  }

  @Test
  void anEngineSocketThatIsAFifoIsRefusedAtItsPosition() throws Exception {
    Path fifo = dir.resolve("engine.sock");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    Path file = dir.resolve("spec.yaml");
    Files.writeString(file, HEAD + "target:\n  swarm:\n    host: unix://" + fifo + "\n");
    assertThat(Fixtures.render(file, List.of()))
        .contains("spec.yaml:7:11: error: `target.swarm.host` is a FIFO, not a socket")
        .contains("expected: the Docker engine's socket, such as unix:///var/run/docker.sock");
  }
}
