package dev.provision.functions;

import dev.provision.diag.ProvisionException;
import dev.provision.model.Sensitive;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one child of a functions push ({@code npm ci}, {@code npx convex deploy}) to its end, a
 * deadline, or a stop request, whichever comes first. Its output lines go to a listener with every
 * sensitive text masked; on the deadline or a stop the whole process tree is ended ({@link
 * ProcessTree}), so no {@code node} under {@code npx} outlives provision.
 */
final class ChildRun {
  /** How often the wait looks at the stop request. */
  private static final long POLL_MS = 100;

  /** A line the child writes, passed on once the child ended, never longer than this. */
  private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);

  private ChildRun() {}

  /**
   * Runs {@code command} in {@code dir} with exactly {@code env}; returns when it exited 0.
   *
   * @param what how messages name the child ({@code npx convex deploy})
   * @param timeout the spec's {@code functions.timeout}, named when the deadline passes
   * @throws ProvisionException when it cannot start, exits non-zero, passes {@code deadline}, or is
   *     stopped; each says the backend keeps its previous functions
   */
  static void run(
      List<String> command,
      Path dir,
      Map<String, String> env,
      Instant deadline,
      Duration timeout,
      Sensitive masks,
      Consumer<String> lines,
      BooleanSupplier stopped,
      String what) {
    List<String> resolved = new java.util.ArrayList<>(command);
    // the program as found on the child's PATH (the one checked), not on the JVM's
    FunctionsTools.find(env, command.get(0)).ifPresent(p -> resolved.set(0, p.toString()));
    ProcessBuilder pb = new ProcessBuilder(resolved).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    if (stopped.getAsBoolean()) {
      throw interrupted(what);
    }
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw ProvisionException.of(
          "functions: cannot start " + what + ": " + e.getMessage(),
          "check that Node.js (node, npm, npx) is installed and on PATH");
    }
    Thread pump = pump(p, masks, lines);
    boolean interrupted = false;
    try {
      while (true) {
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (p.waitFor(Math.max(0, Math.min(left, POLL_MS)), TimeUnit.MILLISECONDS)) {
          break;
        }
        if (stopped.getAsBoolean()) {
          ProcessTree.end(p);
          join(pump);
          throw interrupted(what);
        }
        if (left <= 0) {
          ProcessTree.end(p);
          join(pump);
          throw ProvisionException.of(
              "functions: "
                  + what
                  + " did not finish within "
                  + timeout.toSeconds()
                  + "s (functions.timeout) and was ended; the backend keeps its previous"
                  + " functions",
              "raise `functions.timeout` in the spec, or look at what the Convex CLI printed"
                  + " above, then run `provision deploy-functions` again");
        }
      }
    } catch (InterruptedException e) {
      interrupted = true;
      ProcessTree.end(p);
      join(pump);
      throw interrupted(what);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    join(pump);
    if (p.exitValue() != 0) {
      throw ProvisionException.of(
          "functions: "
              + what
              + " failed (exit "
              + p.exitValue()
              + "); the backend keeps its previous functions",
          "fix what the Convex CLI reported above, then run apply or `provision deploy-functions`"
              + " again");
    }
  }

  /**
   * What an interrupted push leaves: the backend replaces its functions only in the push's last
   * call ({@code finish_push}), all at once, so before it nothing changed.
   */
  static ProvisionException interrupted(String what) {
    return ProvisionException.of(
        "functions: push interrupted ("
            + what
            + " was ended with its child processes): the backend keeps its previous functions,"
            + " unless the CLI had already reached its last step (finish_push), which replaces"
            + " them all at once",
        "run `provision deploy-functions` (or apply) again; `provision status` shows what the"
            + " backend runs");
  }

  private static Thread pump(Process p, Sensitive masks, Consumer<String> lines) {
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.accept(masks.redact(line));
                }
              } catch (IOException ignored) {
                // the process ended or was killed; its exit code tells
              }
            },
            "provision-functions-output");
    pump.setDaemon(true);
    pump.start();
    return pump;
  }

  private static void join(Thread pump) {
    try {
      pump.join(OUTPUT_DRAIN.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
