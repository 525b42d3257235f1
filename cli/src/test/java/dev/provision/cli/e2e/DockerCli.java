package dev.provision.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code docker} command-line client from a test, to watch what the engine does from the
 * outside ({@code docker events}, {@code docker ps}) without going through provision's own driver.
 */
final class DockerCli {
  private DockerCli() {}

  /** Runs {@code docker ARGS}; returns stdout, fails the test on a non-zero exit. */
  static String run(String... args) {
    List<String> command = new ArrayList<>();
    command.add("docker");
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
    String out =
        run("ps", "--no-trunc", "--filter", "label=" + label, "--format", "{{.Names}}|{{.Mounts}}");
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  /** Container ids (full) running now with both labels. */
  static List<String> runningIds(String label, String otherLabel) {
    String out =
        run(
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
