package dev.provision.cli.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The sshd containers of the SSH end-to-end tests, labelled {@code dev.provision.test=pt-ssh}: a
 * target (provision-test/sshd-docker on the host's network with the host's Docker socket, so what
 * it publishes is local too) listening on one address, and jump hosts (provision-test/sshd on a
 * test network, published on 127.0.0.1 or not at all). Never pulls.
 */
final class SshServers {
  static final String TARGET_IMAGE = "provision-test/sshd-docker:latest";
  static final String JUMP_IMAGE = "provision-test/sshd:latest";
  private static final String LABEL = "dev.provision.test=pt-ssh";

  private SshServers() {}

  /** A new unencrypted ed25519 key {@code dir/key}; returns its public half's line. */
  static String newKey(Path dir) throws Exception {
    Path key = dir.resolve("key");
    SshE2e.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
    return Files.readString(dir.resolve("key.pub")).trim();
  }

  /**
   * Starts the target sshd {@code name} on {@code address:port}, authorizing {@code publicKey},
   * with extra sshd {@code options} ({@code MaxSessions=2}); returns once the port answers.
   */
  static void startTarget(
      String name, String publicKey, String address, int port, String... options) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "docker",
                "run",
                "-d",
                "--name",
                name,
                "--label",
                LABEL,
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
                String.valueOf(port),
                "-o",
                "ListenAddress=" + address));
    for (String option : options) {
      command.add("-o");
      command.add(option);
    }
    SshE2e.run(command);
    SshE2e.awaitPort(address, port);
  }

  /**
   * Starts the jump host {@code name} on {@code network}, published on 127.0.0.1:{@code
   * publishedPort} (0: not published); returns its address on the network.
   */
  static String startJump(String name, String network, String publicKey, int publishedPort)
      throws Exception {
    List<String> command =
        new ArrayList<>(List.of("docker", "run", "-d", "--name", name, "--label", LABEL));
    command.addAll(List.of("--network", network, "-e", "SSH_AUTHORIZED_KEYS=" + publicKey));
    if (publishedPort > 0) {
      command.addAll(List.of("-p", "127.0.0.1:" + publishedPort + ":22"));
    }
    command.add(JUMP_IMAGE);
    SshE2e.run(command);
    return SshE2e.run(
            List.of(
                "docker",
                "inspect",
                "-f",
                "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}",
                name))
        .trim();
  }

  /** Creates the test network {@code name}; returns its gateway (this machine on it). */
  static String network(String name) throws Exception {
    SshE2e.run(List.of("docker", "network", "create", "--label", LABEL, name));
    return SshE2e.run(
            List.of(
                "docker", "network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", name))
        .trim();
  }

  /** The known_hosts lines of {@code host:port}, waiting for its sshd to answer. */
  static String keyscan(String host, int port) throws Exception {
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

  /** The {@code --set} options every SSH quickstart test passes: test images, free ports. */
  static List<String> quickstartSets(Path dir, int apiPort) {
    return List.of(
        "--set", "backend.image=" + E2e.backendImage(),
        "--set", "dashboard.image=" + E2e.dashboardImage(),
        "--set", "backend.ports.api=" + apiPort,
        "--set", "backend.ports.site=" + E2e.freePort(),
        "--set", "dashboard.port=" + E2e.freePort(),
        "--set", "secrets.file=" + dir.resolve("secrets.json"));
  }

  /** The container's log, standard error included (sshd -e logs there). */
  static String logs(String name) throws Exception {
    Process p =
        new ProcessBuilder(List.of("docker", "logs", name)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  /**
   * Writes {@code dir/spec.yaml}: the deployment on {@code target.ssh} with these {@code lines}.
   */
  static Path spec(Path dir, String deployment, String... sshLines) throws Exception {
    List<String> lines =
        new ArrayList<>(List.of("version: 1", "deployment: " + deployment, "target:", "  ssh:"));
    for (String line : sshLines) {
      lines.add("    " + line);
    }
    lines.add("");
    return Files.writeString(dir.resolve("spec.yaml"), String.join("\n", lines));
  }
}
