package dev.provision.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs the docker CLI from a test, standing in for a person (or docker compose) at the host. */
final class Docker {
  private Docker() {}

  /** Runs {@code docker ARGS}; returns stdout, stripped; fails the test on a non-zero exit. */
  static String run(String... args) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** As {@link #run}, ignoring failures (for clean-up). */
  static void quietly(String... args) {
    try {
      run(args);
    } catch (IllegalStateException e) {
      // already gone
    }
  }
}
