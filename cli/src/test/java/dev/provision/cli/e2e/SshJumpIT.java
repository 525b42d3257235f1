package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment behind a chain of two jump hosts, named by an alias of an OpenSSH config: the
 * target's sshd listens only on a private Docker network's gateway address (no port published on
 * 127.0.0.1); the config says {@code Host pt-prod ... ProxyJump bastion} and {@code Host bastion
 * ... ProxyJump edge}, where the bastion (provision-test/sshd on that network) publishes nothing
 * and only the edge publishes its port on 127.0.0.1. The spec says only {@code host: pt-prod} plus
 * the config file. The plan names the resolved route edge, bastion, target; the bastion's log shows
 * the login came from the edge's address; apply converges through three hops; a second plan is
 * empty. A config keyword provision does not honour is named in a warning.
 */
class SshJumpIT {
  @Test
  void applyThroughAChainOfJumpHostsNamedByConfigAliases(@TempDir Path dir) throws Exception {
    String deployment = "pt-jump-" + UUID.randomUUID().toString().substring(0, 8);
    String network = deployment + "-bastion-net";
    String target = deployment + "-sshd";
    String bastion = deployment + "-bastion";
    String edge = deployment + "-edge";
    String publicKey = SshServers.newKey(dir);
    try {
      String gateway = SshServers.network(network);
      int targetPort = E2e.freePort();
      SshServers.startTarget(target, publicKey, gateway, targetPort);
      int edgePort = E2e.freePort();
      String edgeIp = SshServers.startJump(edge, network, publicKey, edgePort);
      String bastionIp = SshServers.startJump(bastion, network, publicKey, 0);
      Path knownHosts = dir.resolve("known_hosts");
      Files.writeString(
          knownHosts,
          SshServers.keyscan("127.0.0.1", edgePort)
              + SshServers.keyscan(bastionIp, 22)
              + SshServers.keyscan(gateway, targetPort));
      Path config = dir.resolve("ssh_config");
      Files.writeString(
          config,
          String.join(
              "\n",
              "Host pt-prod",
              "  HostName " + gateway,
              "  Port " + targetPort,
              "  IdentityFile " + dir.resolve("key"),
              "  ProxyJump bastion",
              "Host bastion",
              "  HostName " + bastionIp,
              "  ProxyJump edge",
              "Host edge",
              "  HostName 127.0.0.1",
              "  Port " + edgePort,
              "Host *",
              "  UserKnownHostsFile " + knownHosts,
              "  ServerAliveInterval 30",
              ""));
      Path spec = SshServers.spec(dir, deployment, "host: pt-prod", "configFile: " + config);
      int apiPort = E2e.freePort();
      List<String> sets = SshServers.quickstartSets(dir, apiPort);
      String route =
          "ssh root@"
              + gateway
              + ":"
              + targetPort
              + " via root@127.0.0.1:"
              + edgePort
              + ", root@"
              + bastionIp
              + ":22";

      E2e.Run planned = SshE2e.cli("plan", spec, sets);
      assertThat(planned.code()).as(planned.all()).isIn(0, 2);
      assertThat(planned.out()).contains(" against " + route + ".");
      assertThat(planned.all())
          .contains(
              "the OpenSSH config sets ServerAliveInterval for this host, which provision ignores");
      // the bastion was reached through the edge, not from this machine
      assertThat(SshServers.logs(bastion)).contains("Accepted publickey for root from " + edgeIp);

      E2e.Run applied = SshE2e.cli("apply", spec, sets, "--yes");
      assertThat(applied.code()).as(applied.all()).isZero();
      assertThat(applied.out()).contains("Apply complete");
      assertThat(Live.status("http://127.0.0.1:" + apiPort + "/version")).isEqualTo(200);

      E2e.Run again = SshE2e.cli("plan", spec, sets, "--detailed-exitcode");
      assertThat(again.code()).as(again.all()).isZero();
      assertThat(again.out()).contains("No changes.");
    } finally {
      SshE2e.removeEverything(deployment);
      SshE2e.run(List.of("docker", "rm", "-f", target, bastion, edge));
      SshE2e.run(List.of("docker", "network", "rm", network));
    }
  }
}
