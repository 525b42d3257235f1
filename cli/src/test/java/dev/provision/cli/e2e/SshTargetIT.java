package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.HostDriver;
import dev.provision.driver.docker.DockerHostDriver;
import dev.provision.model.Target;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
