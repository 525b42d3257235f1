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
  private static final String IMAGE = "provision-test/sshd-docker:latest";

  @Test
  void applyPlanAndDestroyOverSsh(@TempDir Path dir) throws Exception {
    String deployment = "pt-ssh-" + UUID.randomUUID().toString().substring(0, 8);
    SshE2e.run(
        List.of(
            "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("key").toString()));
    String publicKey = Files.readString(dir.resolve("key.pub")).trim();
    int sshPort = E2e.freePort();
    String server = deployment + "-sshd";
    try {
      SshE2e.run(
          List.of(
              "docker",
              "run",
              "-d",
              "--name",
              server,
              "--label",
              "dev.provision.test=pt-ssh",
              "--network",
              "host",
              "-v",
              "/var/run/docker.sock:/var/run/docker.sock",
              "-e",
              "SSH_AUTHORIZED_KEYS=" + publicKey,
              IMAGE,
              "/usr/sbin/sshd",
              "-D",
              "-e",
              "-p",
              String.valueOf(sshPort),
              "-o",
              "ListenAddress=127.0.0.1",
              "-o",
              "MaxSessions=2"));
      SshE2e.awaitPort("127.0.0.1", sshPort);
      Path spec = dir.resolve("spec.yaml");
      Files.writeString(
          spec,
          String.join(
              "\n",
              "version: 1",
              "deployment: " + deployment,
              "target:",
              "  ssh:",
              "    host: 127.0.0.1",
              "    port: " + sshPort,
              "    user: root",
              "    identityFile: " + dir.resolve("key"),
              "    knownHosts: accept-new",
              "    knownHostsFile: " + dir.resolve("known_hosts"),
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
