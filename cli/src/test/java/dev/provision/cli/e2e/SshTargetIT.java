package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.HostDriver;
import dev.provision.driver.docker.DockerHostDriver;
import dev.provision.model.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart over SSH: a real sshd (its docker client reaching this machine's engine, so ports
 * it publishes are local too) is the target; apply, plan empty, destroy with data. The host key is
 * learned with {@code knownHosts: accept-new}; readiness and the admin key check go through the
 * driver's tunnels. The server allows only 2 sessions ({@code MaxSessions 2}) while apply runs 3
 * steps at once.
 */
class SshTargetIT {
  @Test
  void applyPlanAndDestroyOverSsh(@TempDir Path dir) throws Exception {
    String deployment = "pt-ssh-" + UUID.randomUUID().toString().substring(0, 8);
    String publicKey = SshServers.newKey(dir);
    int sshPort = E2e.freePort();
    String server = deployment + "-sshd";
    try {
      SshServers.startTarget(server, publicKey, "127.0.0.1", sshPort, "MaxSessions=2");
      Path spec =
          SshServers.spec(
              dir,
              deployment,
              "host: 127.0.0.1",
              "port: " + sshPort,
              "user: root",
              "identityFile: " + dir.resolve("key"),
              "knownHosts: accept-new",
              "knownHostsFile: " + dir.resolve("known_hosts"));
      int apiPort = E2e.freePort();
      List<String> sets = SshServers.quickstartSets(dir, apiPort);

      // more parallel steps than sshd allows sessions: the tunnel stays within the server's limit
      E2e.Run applied = SshE2e.cli("apply", spec, sets, "--yes", "--parallelism", "3");
      assertThat(applied.code()).as(applied.all()).isZero();
      assertThat(applied.out())
          .contains("Apply complete")
          .contains("ok    admin key: a key issued from the stored instance secret is accepted");
      assertThat(Live.status("http://127.0.0.1:" + apiPort + "/version")).isEqualTo(200);
      assertThat(Files.readString(dir.resolve("known_hosts")))
          .startsWith("[127.0.0.1]:" + sshPort + " ");

      E2e.Run plan = SshE2e.cli("plan", spec, sets, "--detailed-exitcode");
      assertThat(plan.code()).as(plan.all()).isZero();
      assertThat(plan.out()).contains("No changes.");

      // a backup over SSH streams the archive back to this machine; restore sends it back
      Path backups = dir.resolve("backups");
      E2e.Run backup = SshE2e.cli("backup", spec, sets, "--out", backups.toString());
      assertThat(backup.code()).as(backup.all()).isZero();
      Path archive;
      try (var files = Files.list(backups)) {
        archive = files.filter(p -> p.toString().endsWith(".tar")).findFirst().orElseThrow();
      }
      E2e.Run restored = SshE2e.cli("restore", spec, sets, archive.toString(), "--yes");
      assertThat(restored.code()).as(restored.all()).isZero();
      assertThat(Live.status("http://127.0.0.1:" + apiPort + "/version")).isEqualTo(200);

      E2e.Run destroyed = SshE2e.cli("destroy", spec, sets, "--delete-data", "--yes");
      assertThat(destroyed.code()).as(destroyed.all()).isZero();
      try (HostDriver docker = DockerHostDriver.connect(Target.Docker.local())) {
        assertThat(docker.observe(deployment).resources()).isEmpty();
      }
    } finally {
      SshE2e.removeEverything(deployment);
      SshE2e.run(List.of("docker", "rm", "-f", server));
    }
  }

  /**
   * Two deployments on one server (MaxSessions 2): the several-spec plan and status reach both
   * through the run's one login and one engine tunnel, and each still reaches its own backend
   * through its own port forward.
   */
  @Test
  void severalDeploymentsOnOneServerArePlannedThroughOneLogin(@TempDir Path dir) throws Exception {
    String run = "pt-sshf-" + UUID.randomUUID().toString().substring(0, 8);
    String publicKey = SshServers.newKey(dir);
    int sshPort = E2e.freePort();
    String server = run + "-sshd";
    List<Path> specs = new ArrayList<>();
    for (String part : List.of("a", "b")) {
      specs.add(
          Files.writeString(
              dir.resolve(part + ".yaml"),
              String.join(
                  "\n",
                  "version: 1",
                  "deployment: " + run + "-" + part,
                  "target:",
                  "  ssh:",
                  "    host: 127.0.0.1",
                  "    port: " + sshPort,
                  "    user: root",
                  "    identityFile: " + dir.resolve("key"),
                  "    knownHosts: accept-new",
                  "    knownHostsFile: " + dir.resolve("known_hosts"),
                  "backend:",
                  "  image: " + E2e.backendImage(),
                  "  bind: 127.0.0.1",
                  "  ports: {api: " + E2e.freePort() + ", site: " + E2e.freePort() + "}",
                  "dashboard:",
                  "  enabled: false",
                  "")));
    }
    try {
      SshServers.startTarget(server, publicKey, "127.0.0.1", sshPort, "MaxSessions=2");
      // side by side: the published ports are below the ephemeral range, where the port forwards
      // of the other apply's checks (local ephemeral ports) never take them (FreePorts)
      E2e.Run applied =
          SshE2e.cli("apply", specs.get(0), List.of(), specs.get(1).toString(), "--yes");
      assertThat(applied.code()).as(applied.all()).isZero();
      long logins = logins(server);

      E2e.Run plan =
          SshE2e.cli(
              "plan", specs.get(0), List.of(), specs.get(1).toString(), "--detailed-exitcode");
      assertThat(plan.code()).as(plan.all()).isZero();
      assertThat(plan.out().split("No changes\\.", -1)).hasSize(3);
      E2e.Run status = SshE2e.cli("status", specs.get(0), List.of(), specs.get(1).toString());
      assertThat(status.code()).as(status.all()).isZero();
      assertThat(status.out()).contains(run + "-a").contains(run + "-b");
      assertThat(logins(server)).isEqualTo(logins + 2); // one login for each several-spec run

      E2e.Run destroyed =
          SshE2e.cli(
              "destroy",
              specs.get(0),
              List.of(),
              specs.get(1).toString(),
              "--delete-data",
              "--yes");
      assertThat(destroyed.code()).as(destroyed.all()).isZero();
    } finally {
      SshE2e.removeEverything(run + "-a");
      SshE2e.removeEverything(run + "-b");
      SshE2e.run(List.of("docker", "rm", "-f", server));
    }
  }

  private static long logins(String server) throws Exception {
    return SshServers.logs(server).lines().filter(l -> l.contains("Accepted publickey")).count();
  }
}
