package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.cli.Main;
import dev.provision.driver.HostDriver;
import dev.provision.driver.docker.DockerHostDriver;
import dev.provision.live.ObservedResource;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.Target;
import dev.provision.model.VolumeResource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
    run(
        List.of(
            "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("key").toString()));
    String publicKey = Files.readString(dir.resolve("key.pub")).trim();
    int sshPort = E2e.freePort();
    String server = deployment + "-sshd";
    try {
      run(
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
      awaitPort(sshPort);
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
      E2e.Run applied = cli("apply", spec, sets, "--yes", "--parallelism", "3");
      assertThat(applied.code()).as(applied.all()).isZero();
      assertThat(applied.out())
          .contains("Apply complete")
          .contains("ok    admin key: a key issued from the stored instance secret is accepted");
      assertThat(Live.status("http://127.0.0.1:" + apiPort + "/version")).isEqualTo(200);
      assertThat(Files.readString(dir.resolve("known_hosts")))
          .startsWith("[127.0.0.1]:" + sshPort + " ");

      E2e.Run plan = cli("plan", spec, sets, "--detailed-exitcode");
      assertThat(plan.code()).as(plan.all()).isZero();
      assertThat(plan.out()).contains("No changes.");

      // a backup over SSH streams the archive back to this machine; restore sends it back
      Path backups = dir.resolve("backups");
      E2e.Run backup = cli("backup", spec, sets, "--out", backups.toString());
      assertThat(backup.code()).as(backup.all()).isZero();
      Path archive;
      try (var files = Files.list(backups)) {
        archive = files.filter(p -> p.toString().endsWith(".tar")).findFirst().orElseThrow();
      }
      E2e.Run restored = cli("restore", spec, sets, archive.toString(), "--yes");
      assertThat(restored.code()).as(restored.all()).isZero();
      assertThat(Live.status("http://127.0.0.1:" + apiPort + "/version")).isEqualTo(200);

      E2e.Run destroyed = cli("destroy", spec, sets, "--delete-data", "--yes");
      assertThat(destroyed.code()).as(destroyed.all()).isZero();
      try (HostDriver docker = DockerHostDriver.connect(Target.Docker.local())) {
        assertThat(docker.observe(deployment).resources()).isEmpty();
      }
    } finally {
      removeEverything(deployment);
      run(List.of("docker", "rm", "-f", server));
    }
  }

  private static E2e.Run cli(String command, Path spec, List<String> sets, String... extra) {
    List<String> args = new ArrayList<>(List.of(command, spec.toString()));
    args.addAll(sets);
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> env = new HashMap<>(System.getenv());
    int code =
        Main.run(
            args.toArray(String[]::new),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            env,
            false);
    return new E2e.Run(code, out.toString(), err.toString());
  }

  private static void removeEverything(String deployment) {
    try (HostDriver host = DockerHostDriver.connect(Target.Docker.local())) {
      for (ObservedResource r : host.observe(deployment).resources().values()) {
        if (r.resource() instanceof ContainerResource c) {
          host.removeContainer(c.name());
        }
      }
      for (ObservedResource r : host.observe(deployment).resources().values()) {
        if (r.resource() instanceof NetworkResource n) {
          host.removeNetwork(n.name());
        } else if (r.resource() instanceof VolumeResource v) {
          host.removeVolume(v.name());
        }
      }
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("sshd did not listen on " + port + " within 30 s");
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("exit " + p.exitValue() + ": " + command);
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
