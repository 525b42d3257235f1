package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.HostDriver;
import dev.provision.driver.ssh.PassphrasePrompt;
import dev.provision.driver.ssh.SshHostDriver;
import dev.provision.driver.ssh.SshSettings;
import dev.provision.model.PortBinding;
import dev.provision.model.Target;
import dev.provision.testing.SwarmCluster;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quickstart on a real one-node Docker Swarm whose manager is reached only over SSH ({@code
 * target.swarm.ssh}): an sshd runs on the manager node itself (provision-test/sshd-docker in the
 * node's own dockerd, on the node's network, with the node's Docker socket), so the engine is the
 * manager's through {@code docker system dial-stdio} and the host-mode ports are reached by SSH
 * forwards to the data node's address. The same checks as on Docker ({@link QuickstartChecks}), the
 * backend answering through the forward, {@code status} naming the node, nothing left after destroy
 * and no secret in any output.
 */
class SwarmSshQuickstartIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();
  private static final int SSH_PORT = 2222;

  @Test
  void quickstartOverSshToTheManager() throws Exception {
    SwarmCluster.assumeAvailable();
    try (SwarmCluster cluster =
            SwarmCluster.start(
                1, List.of(E2e.backendImage(), E2e.dashboardImage(), SshServers.TARGET_IMAGE));
        E2e e = new E2e()) {
      SwarmCluster.Node manager = cluster.manager();
      Target.Swarm target = startSshd(cluster, e.dir);
      e.host = manager.address();
      e.extraSets.addAll(
          List.of(
              "--set", "target.swarm.node=" + manager.hostname(),
              "--set", "target.swarm.ssh.host=" + target.ssh().host(),
              "--set", "target.swarm.ssh.port=" + SSH_PORT,
              "--set", "target.swarm.ssh.user=root",
              "--set", "target.swarm.ssh.identityFile=" + target.ssh().identityFile(),
              "--set", "target.swarm.ssh.knownHostsFile=" + target.ssh().knownHostsFile(),
              "--set", "target.swarm.ssh.configFile=none",
              "--set", "backend.origins.cloud=" + e.cloudUrl(),
              "--set", "backend.origins.site=http://" + manager.address() + ":" + e.sitePort));
      e.driver =
          () ->
              SshHostDriver.connectSwarm(target, e.env, SshSettings.DEFAULT, PassphrasePrompt.NONE);

      E2e.Run plan = e.run("plan", SPEC);
      assertThat(plan.code()).as(plan.all()).isZero();
      assertThat(plan.out()).contains("the data stays on node `" + manager.hostname() + "`");

      QuickstartChecks.appliesAndServes(e, SPEC);
      String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
      String key = Live.adminKey(e.deployment, secret);
      try (HostDriver driver = e.docker()) {
        URI forward = driver.endpoint(new PortBinding("0.0.0.0", e.apiPort, 3210));
        assertThat(forward.getHost()).isEqualTo("127.0.0.1");
        assertThat(forward.getPort()).isNotEqualTo(e.apiPort);
        assertThat(Live.status(forward + "/version")).isEqualTo(200);
        assertThat(Live.api(forward.toString(), key).checkAdminKey().accepted()).isTrue();
      }

      QuickstartChecks.plansEmpty(e, SPEC);

      E2e.Run status = e.run("status", SPEC);
      assertThat(status.code()).as(status.all()).isZero();
      assertThat(status.out())
          .contains("swarm manager ssh root@" + manager.address() + ":" + SSH_PORT)
          .contains("data on node " + manager.hostname() + ")")
          .containsPattern("container\\.backend +running, .*, on node " + manager.hostname())
          .contains("Drift: none\n");

      QuickstartChecks.destroyLeavesNothing(e, SPEC);
      assertThat(String.join("\n", e.outputs)).doesNotContain(secret).doesNotContain(key);
    }
  }

  /**
   * Runs sshd on the manager node (its own dockerd, the node's network and Docker socket) for a new
   * key; returns the target with a known_hosts file holding its host key.
   */
  private static Target.Swarm startSshd(SwarmCluster cluster, Path dir) throws Exception {
    SwarmCluster.Node manager = cluster.manager();
    String publicKey = SshServers.newKey(dir);
    String socket = manager.dockerHost().substring("unix://".length());
    cluster.docker(
        0,
        "run",
        "-d",
        "--name",
        "pt-swssh-sshd",
        "--network",
        "host",
        "-v",
        socket + ":/var/run/docker.sock",
        "-e",
        "SSH_AUTHORIZED_KEYS=" + publicKey,
        SshServers.TARGET_IMAGE,
        "/usr/sbin/sshd",
        "-D",
        "-e",
        "-p",
        String.valueOf(SSH_PORT),
        "-o",
        "ListenAddress=" + manager.address());
    Path knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts, SshServers.keyscan(manager.address(), SSH_PORT));
    return Target.Swarm.overSsh(
        new Target.Ssh(
            manager.address(),
            SSH_PORT,
            "root",
            dir.resolve("key").toString(),
            Target.KnownHosts.STRICT,
            knownHosts.toString()),
        manager.hostname());
  }
}
