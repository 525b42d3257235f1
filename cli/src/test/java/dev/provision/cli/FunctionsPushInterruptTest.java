package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.ProvisionException;
import dev.provision.functions.FunctionsDeployer;
import dev.provision.model.Functions;
import dev.provision.model.Sensitive;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM during a functions push, with the real deployer and process-tree kill: a fake
 * {@code npx} on PATH starts a long-running child (as npx starts node); a real signal raised in
 * this JVM ends both promptly, the push reports it was interrupted and the exit code is the
 * signal's (130, 143). A push that ends on its own still throws as before.
 */
class FunctionsPushInterruptTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private Cli cli() {
    return new Cli(
        new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), false, null, false);
  }

  /** An app folder npm ci would skip, and a bin folder with fake node, npm and an npx script. */
  private Functions app(String npx, Duration timeout) throws Exception {
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.createDirectories(app.resolve("convex"));
    Files.createDirectories(app.resolve("node_modules/convex"));
    Files.writeString(app.resolve("package.json"), "{\"dependencies\":{\"convex\":\"1.48.0\"}}");
    Files.writeString(app.resolve("package-lock.json"), "{}");
    Files.setLastModifiedTime(
        app.resolve("package-lock.json"), FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    Files.writeString(app.resolve("node_modules/.package-lock.json"), "{}");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    for (String tool : List.of("node", "npm", "npx")) {
      Path f = bin.resolve(tool);
      Files.writeString(f, "#!/bin/sh\n" + (tool.equals("npx") ? npx : "exit 0") + "\n");
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return new Functions(app, Optional.empty(), timeout);
  }

  private FunctionsOutput.Push deployer(Functions functions) {
    Map<String, String> env = Map.of("PATH", tmp.resolve("bin") + ":/usr/bin:/bin");
    return (lines, stop) -> {
      new FunctionsDeployer(env)
          .deploy(
              functions,
              URI.create("http://127.0.0.1:1"),
              "deployment|0123456789abcdef",
              Sensitive.NONE,
              lines,
              stop::requested);
      return "0123456789abcdef0123";
    };
  }

  /** Alive and not a zombie (an orphan PID 1 did not reap yet counts as ended). */
  static boolean running(ProcessHandle h) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
      return h.isAlive() && stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static long pidFrom(StringWriter out) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      for (String line : out.toString().split("\n")) {
        if (line.trim().matches("node \\d+")) {
          return Long.parseLong(line.trim().substring(5));
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the fake npx did not start: " + out);
  }

  private void interrupts(String signal, int expected) throws Exception {
    Functions functions = app("sleep 60 & echo node $!; wait", Duration.ofSeconds(60));
    Cli cli = cli();
    CompletableFuture<Integer> code =
        CompletableFuture.supplyAsync(() -> FunctionsOutput.push(cli, deployer(functions)));
    long node = pidFrom(out);
    long sent = System.nanoTime();
    Signal.raise(new Signal(signal));
    int exit = code.get(10, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - sent);
    assertThat(exit).isEqualTo(expected);
    assertThat(took).isLessThan(Duration.ofSeconds(2));
    assertThat(ProcessHandle.of(node).map(FunctionsPushInterruptTest::running).orElse(false))
        .isFalse();
    assertThat(err.toString())
        .contains("SIG" + signal + ": stopping the functions push")
        .contains("push interrupted")
        .contains("the backend keeps its previous functions");
    assertThat(out.toString()).doesNotContain("functions.deploy: done");
  }

  @Test
  void ctrlCEndsTheCliAndItsChildrenAndExits130() throws Exception {
    interrupts("INT", ExitCodes.SIGINT);
  }

  @Test
  void sigtermEndsTheCliAndItsChildrenAndExits143() throws Exception {
    interrupts("TERM", ExitCodes.SIGTERM);
  }

  @Test
  void aPushThatSucceedsIsExitZero() throws Exception {
    Functions functions =
        app("echo pushed with key $CONVEX_SELF_HOSTED_ADMIN_KEY", Duration.ofSeconds(10));
    assertThat(FunctionsOutput.push(cli(), deployer(functions))).isZero();
    assertThat(out.toString())
        .contains("  pushed with key (sensitive)")
        .contains("functions.deploy: done (0123456789ab)")
        .doesNotContain("0123456789abcdef0");
  }

  @Test
  void aTimeoutIsAnErrorNotAnInterrupt() throws Exception {
    Functions functions = app("sleep 60 & echo node $!; wait", Duration.ofSeconds(1));
    Cli cli = cli();
    CompletableFuture<Throwable> thrown =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                FunctionsOutput.push(cli, deployer(functions));
                return null;
              } catch (RuntimeException e) {
                return e;
              }
            });
    long node = pidFrom(out);
    assertThat(thrown.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("did not finish within 1s (functions.timeout)");
    assertThat(ProcessHandle.of(node).map(FunctionsPushInterruptTest::running).orElse(false))
        .isFalse();
  }
}
