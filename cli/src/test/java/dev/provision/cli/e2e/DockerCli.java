package dev.provision.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code docker} command-line client from a test, to watch what the engine does from the
 * outside ({@code docker events}, {@code docker ps}) without going through provision's own driver.
 * The methods that take a {@code host} run {@code docker -H host} (a Swarm node's own engine); a
 * null host is the machine's engine.
 */
final class DockerCli {
  private DockerCli() {}

  /** Runs {@code docker ARGS}; returns stdout, fails the test on a non-zero exit. */
  static String run(String... args) {
    return runAt(null, args);
  }

  /** Runs {@code docker -H HOST ARGS} (plain {@code docker ARGS} when host is null). */
  static String runAt(String host, String... args) {
    List<String> command = new ArrayList<>();
    command.add("docker");
    if (host != null) {
      command.addAll(List.of("-H", host));
    }
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("docker " + String.join(" ", args) + " did not finish");
      }
      if (p.exitValue() != 0) {
        throw new AssertionError(
            "docker "
                + String.join(" ", args)
                + " failed: "
                + new String(err, StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("cannot run docker", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** {@code docker ps --no-trunc} lines {@code NAME|MOUNTS} of running containers with a label. */
  static List<String> running(String label) {
    return running(null, label);
  }

  /** As {@link #running(String)}, on the engine at {@code host}. */
  static List<String> running(String host, String label) {
    String out =
        runAt(
            host,
            "ps",
            "--no-trunc",
            "--filter",
            "label=" + label,
            "--format",
            "{{.Names}}|{{.Mounts}}");
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  /** Container ids (full) running now with both labels. */
  static List<String> runningIds(String label, String otherLabel) {
    return runningIds(null, label, otherLabel);
  }

  /** As {@link #runningIds(String, String)}, on the engine at {@code host}. */
  static List<String> runningIds(String host, String label, String otherLabel) {
    String out =
        runAt(
            host,
            "ps",
            "-q",
            "--no-trunc",
            "--filter",
            "label=" + label,
            "--filter",
            "label=" + otherLabel);
    return out.lines().filter(l -> !l.isBlank()).toList();
  }
}
