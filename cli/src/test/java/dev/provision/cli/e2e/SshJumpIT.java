package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment behind a bastion, named by an alias of an OpenSSH config: the target's sshd listens
 * only on a private Docker network's gateway address (no port published on 127.0.0.1), the jump
 * host (provision-test/sshd on that network) publishes its port on 127.0.0.1, and the spec says
 * only {@code host: pt-prod} plus the config file. The plan names the resolved route, apply
 * converges through two hops, a second plan is empty. A config keyword provision does not honour is
 * named in a warning.
 */
class SshJumpIT {
  private static final String TARGET_IMAGE = "provision-test/sshd-docker:latest";
  private static final String JUMP_IMAGE = "provision-test/sshd:latest";

  @Test
  void applyThroughAJumpHostNamedByAConfigAlias(@TempDir Path dir) throws Exception {
    String deployment = "pt-jump-" + UUID.randomUUID().toString().substring(0, 8);
    String network = deployment + "-bastion-net";
    String target = deployment + "-sshd";
    String jump = deployment + "-bastion";
    Path key = dir.resolve("key");
    SshE2e.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
    String publicKey = Files.readString(dir.resolve("key.pub")).trim();
    try {
      SshE2e.run(
          List.of("docker", "network", "create", "--label", "dev.provision.test=pt-ssh", network));
      String gateway =
          SshE2e.run(
                  List.of(
                      "docker",
                      "network",
                      "inspect",
                      "-f",
                      "{{(index .IPAM.Config 0).Gateway}}",
                      network))
              .trim();
      int targetPort = E2e.freePort();
      SshE2e.run(
          List.of(
              "docker",
              "run",
              "-d",
              "--name",
              target,
              "--label",
              "dev.provision.test=pt-ssh",
              "--network",
              "host",
              "-v",
              "/var/run/docker.sock:/var/run/docker.sock",
              "-e",
              "SSH_AUTHORIZED_KEYS=" + publicKey,
              TARGET_IMAGE,
              "/usr/sbin/sshd",
              "-D",
              "-e",
              "-p",
              String.valueOf(targetPort),
              "-o",
              "ListenAddress=" + gateway));
      int jumpPort = E2e.freePort();
      SshE2e.run(
          List.of(
              "docker",
              "run",
              "-d",
              "--name",
              jump,
              "--label",
              "dev.provision.test=pt-ssh",
              "--network",
              network,
              "-p",
              "127.0.0.1:" + jumpPort + ":22",
              "-e",
              "SSH_AUTHORIZED_KEYS=" + publicKey,
              JUMP_IMAGE));
      SshE2e.awaitPort(gateway, targetPort);
      SshE2e.awaitPort("127.0.0.1", jumpPort);
      Path knownHosts = dir.resolve("known_hosts");
      Files.writeString(knownHosts, keyscan("127.0.0.1", jumpPort) + keyscan(gateway, targetPort));
      Path config = dir.resolve("ssh_config");
      Files.writeString(
          config,
          String.join(
              "\n",
              "Host pt-prod",
              "  HostName " + gateway,
              "  Port " + targetPort,
              "  IdentityFile " + key,
              "  ProxyJump root@127.0.0.1:" + jumpPort,
              "Host *",
              "  UserKnownHostsFile " + knownHosts,
              "  ServerAliveInterval 30",
              ""));
      Path spec = dir.resolve("spec.yaml");
      Files.writeString(
          spec,
          String.join(
              "\n",
              "version: 1",
              "deployment: " + deployment,
              "target:",
              "  ssh:",
              "    host: pt-prod",
              "    configFile: " + config,
              ""));
      int apiPort = E2e.freePort();
      List<String> sets =
          List.of(
              "--set", "backend.image=" + E2e.backendImage(),
              "--set", "dashboard.image=" + E2e.dashboardImage(),
              "--set", "backend.ports.api=" + apiPort,
              "--set", "backend.ports.site=" + E2e.freePort(),
              "--set", "dashboard.port=" + E2e.freePort(),
              "--set", "secrets.file=" + dir.resolve("secrets.json"));
      String route = "ssh root@" + gateway + ":" + targetPort + " via root@127.0.0.1:" + jumpPort;

      E2e.Run planned = SshE2e.cli("plan", spec, sets);
      assertThat(planned.code()).as(planned.all()).isIn(0, 2);
      assertThat(planned.out()).contains(" against " + route + ".");
      assertThat(planned.all())
          .contains(
              "the OpenSSH config sets ServerAliveInterval for this host, which provision ignores");

      E2e.Run applied = SshE2e.cli("apply", spec, sets, "--yes");
      assertThat(applied.code()).as(applied.all()).isZero();
      assertThat(applied.out()).contains("Apply complete");
      assertThat(Live.status("http://127.0.0.1:" + apiPort + "/version")).isEqualTo(200);

      E2e.Run again = SshE2e.cli("plan", spec, sets, "--detailed-exitcode");
      assertThat(again.code()).as(again.all()).isZero();
      assertThat(again.out()).contains("No changes.");
    } finally {
      SshE2e.removeEverything(deployment);
      SshE2e.run(List.of("docker", "rm", "-f", target, jump));
      SshE2e.run(List.of("docker", "network", "rm", network));
    }
  }

  private static String keyscan(String host, int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      String lines;
      try {
        lines = SshE2e.run(List.of("ssh-keyscan", "-T", "5", "-p", String.valueOf(port), host));
      } catch (AssertionError notYet) {
        lines = "";
      }
      if (lines.contains("ssh-ed25519")) {
        return lines;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("ssh-keyscan found no host key on " + host + ":" + port);
  }
}
