package dev.provision.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command line for the test fixtures and returns its standard output, or throws with its
 * standard error. Output goes through temporary files, so a command that leaves a daemon behind
 * (node.sh up starts dockerd) cannot block the caller on an open pipe.
 */
final class Commands {
  private Commands() {}

  /** Runs {@code command} with the environment of this JVM minus Docker's client settings. */
  static String run(List<String> command, Duration timeout) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("pt-cmd-", ".out");
      err = Files.createTempFile("pt-cmd-", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      builder.environment().remove("DOCKER_HOST");
      builder.environment().remove("DOCKER_CONTEXT");
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "exit "
                + process.exitValue()
                + ": "
                + String.join(" ", command)
                + "\n"
                + Files.readString(err, StandardCharsets.UTF_8).strip());
      }
      return stdout;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
    } finally {
      delete(out);
      delete(err);
    }
  }

  /** True when {@code command} exits 0 (its output is discarded). */
  static boolean succeeds(List<String> command) {
    try {
      run(command, Duration.ofSeconds(30));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void delete(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file left behind is harmless
      }
    }
  }
}
