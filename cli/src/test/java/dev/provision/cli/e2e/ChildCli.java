package dev.provision.cli.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real CLI as a separate JVM ({@code Main} on this test's class path), for what an in-process
 * run cannot show: two processes racing for a lock, a signal, a {@code kill -9}. Output goes to
 * files in the test's folder.
 */
final class ChildCli {
  final Process process;
  final Path out;
  final Path err;

  private ChildCli(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code provision COMMAND SPEC <e's sets> EXTRA} with {@code env} added. */
  static ChildCli start(
      E2e e, String name, Map<String, String> env, String command, String spec, String... extra)
      throws IOException {
    List<String> words = new ArrayList<>(List.of(command, spec));
    words.addAll(e.sets());
    words.addAll(List.of(extra));
    return startWith(e, name, env, words);
  }

  /** Starts {@code provision WORDS} as given (no sets added); output in {@code e}'s folder. */
  static ChildCli startWith(E2e e, String name, Map<String, String> env, List<String> words)
      throws IOException {
    List<String> args = command(words);
    ProcessBuilder builder = new ProcessBuilder(args);
    builder.environment().putAll(env);
    Path out = e.dir.resolve(name + ".out");
    Path err = e.dir.resolve(name + ".err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    return new ChildCli(builder.start(), out, err);
  }

  /** {@code java ... dev.provision.cli.Main WORDS}: the CLI on this test's class path. */
  static List<String> command(List<String> words) {
    List<String> args = new ArrayList<>();
    args.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    args.addAll(
        List.of(
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.provision.cli.Main"));
    args.addAll(words);
    return args;
  }

  int await(Duration max) throws InterruptedException {
    if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("child CLI did not finish within " + max + ": " + all());
    }
    return process.exitValue();
  }

  /** Sends a signal by name (INT, TERM, KILL) with kill(1). */
  void signal(String name) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
        .inheritIO()
        .start()
        .waitFor();
  }

  String all() {
    try {
      return Files.readString(out) + Files.readString(err);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }

  /** Waits until {@code file} exists (the pause hook's marker), failing with the output if not. */
  void awaitFile(Path file, Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (!Files.exists(file)) {
      if (!process.isAlive()) {
        throw new AssertionError("child CLI ended before pausing: " + all());
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("child CLI did not pause within " + max + ": " + all());
      }
      Thread.sleep(50);
    }
  }
}
