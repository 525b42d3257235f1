package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.exec.TestHooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C (SIGINT) or SIGTERM to a real CLI process after an apply or destroy took the deployment's
 * lock and while it makes its plan: nothing is changed, the lock is released (the next command
 * finds no interrupted apply to take over), and the exit code is 130 or 143. A second signal ends
 * the process at once, as the JVM does without a handler. The same for a several-spec apply at a
 * terminal, which makes every plan (each lock held) before it asks.
 */
class InterruptWhilePlanningIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();

  /** {@code provision COMMAND SPEC EXTRA}, paused at {@code point} once it holds the lock. */
  private static ChildCli paused(E2e e, String point, String command, String... extra)
      throws Exception {
    Path marker = e.dir.resolve("paused");
    ChildCli child =
        ChildCli.start(
            e,
            "planning",
            Map.of(TestHooks.PAUSE_AT_STEP, point, TestHooks.PAUSE_MARKER, marker.toString()),
            command,
            SPEC,
            extra);
    child.awaitFile(marker, Duration.ofSeconds(90));
    assertThat(lock(e)).as("the lock is held while it plans").isNotBlank();
    return child;
  }

  private static String lock(E2e e) throws Exception {
    return Docker.run("ps", "-aq", "--filter", "name=^" + e.deployment + "-lock$");
  }

  @ParameterizedTest
  @CsvSource({"INT, 130", "TERM, 143"})
  void aSignalWhileAnApplyPlansChangesNothingAndReleasesTheLock(String signal, int expected)
      throws Exception {
    try (E2e e = new E2e()) {
      E2e.Run first = e.run("apply", SPEC, "--set", "dashboard.enabled=false", "--yes");
      assertThat(first.code()).as(first.all()).isZero();
      String[] change = {
        "--set", "dashboard.enabled=false", "--set", "backend.knobs.rustLog=debug"
      };

      ChildCli child =
          paused(e, "lock@taken", "apply", change[0], change[1], change[2], change[3], "--yes");
      child.signal(signal);

      assertThat(child.await(Duration.ofSeconds(60))).as(child.all()).isEqualTo(expected);
      assertThat(child.all())
          .contains("SIG" + signal + ": stopping: nothing will be applied")
          .contains("Not applied: SIG" + signal + " came while the plan was being made")
          .doesNotContain("Applying:");
      assertThat(lock(e)).as("the lock was released").isBlank();
      assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
      E2e.Run plan =
          e.run("plan", SPEC, change[0], change[1], change[2], change[3], "--detailed-exitcode");
      assertThat(plan.code()).as("the change is still pending: " + plan.all()).isEqualTo(2);
      assertThat(plan.all())
          .as("no interrupted apply is reported")
          .doesNotContain("interrupted")
          .doesNotContain("held by");
      E2e.Run again = e.run("apply", SPEC, change[0], change[1], change[2], change[3], "--yes");
      assertThat(again.code()).as(again.all()).isZero();
      assertThat(again.all()).doesNotContain("took over the lock");
    }
  }

  @Test
  void aSignalWhileADestroyPlansDestroysNothingAndReleasesTheLock() throws Exception {
    try (E2e e = new E2e()) {
      E2e.Run first = e.run("apply", SPEC, "--set", "dashboard.enabled=false", "--yes");
      assertThat(first.code()).as(first.all()).isZero();

      ChildCli child =
          paused(e, "lock@taken", "destroy", "--set", "dashboard.enabled=false", "--yes");
      child.signal("INT");

      assertThat(child.await(Duration.ofSeconds(60))).as(child.all()).isEqualTo(130);
      assertThat(child.all())
          .contains("Not destroyed: SIGINT came while the plan was being made")
          .doesNotContain("Destroying:");
      assertThat(lock(e)).isBlank();
      assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
      E2e.Run plan = e.run("plan", SPEC, "--set", "dashboard.enabled=false", "--detailed-exitcode");
      assertThat(plan.code()).as(plan.all()).isZero();
    }
  }

  /** A second signal does not wait for the plan: the process ends as without a handler. */
  @Test
  void aSecondSignalEndsTheProcessAtOnce() throws Exception {
    try (E2e e = new E2e()) {
      E2e.Run first = e.run("apply", SPEC, "--set", "dashboard.enabled=false", "--yes");
      assertThat(first.code()).as(first.all()).isZero();
      // a plan stuck on its target: the first signal does not end this pause
      ChildCli child =
          paused(e, "lock@taken-stuck", "apply", "--set", "dashboard.enabled=false", "--yes");
      child.signal("INT");
      Thread.sleep(500);
      child.signal("INT");

      assertThat(child.await(Duration.ofSeconds(20))).as(child.all()).isEqualTo(130);
      E2e.Run unlock = e.run("unlock", SPEC, "--set", "dashboard.enabled=false", "--yes");
      assertThat(unlock.code()).as(unlock.all()).isZero();
    }
  }

  /**
   * A several-spec apply at a terminal (here a pty made by script(1)) makes every plan before its
   * one question: a signal then applies nothing and releases every lock taken.
   */
  @Test
  void aSignalWhileASeveralSpecApplyPlansAtATerminalReleasesEveryLock() throws Exception {
    try (E2e a = new E2e();
        E2e b = new E2e()) {
      String specA = FleetIT.spec(a, a.apiPort);
      String specB = FleetIT.spec(b, b.apiPort);
      Path marker = a.dir.resolve("paused");
      String line =
          ChildCli.command(List.of("apply", specA, specB)).stream()
              .map(w -> "'" + w.replace("'", "'\\''") + "'")
              .collect(Collectors.joining(" "));
      ProcessBuilder builder = new ProcessBuilder("script", "-qefc", line, "/dev/null");
      builder.environment().put(TestHooks.PAUSE_AT_STEP, "lock@taken");
      builder.environment().put(TestHooks.PAUSE_MARKER, marker.toString());
      builder.environment().put("NO_COLOR", "1");
      Path out = a.dir.resolve("terminal.out");
      builder.redirectErrorStream(true).redirectOutput(out.toFile());
      Process script = builder.start();
      try {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!Files.exists(marker) && script.isAlive() && System.nanoTime() < end) {
          Thread.sleep(50);
        }
        assertThat(Files.exists(marker)).as(Files.readString(out)).isTrue();
        ProcessHandle java =
            script
                .descendants()
                .filter(p -> p.info().command().orElse("").endsWith("java"))
                .findFirst()
                .orElseThrow();
        new ProcessBuilder("kill", "-INT", Long.toString(java.pid())).start().waitFor();

        assertThat(script.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(out)).isTrue();
        String all = Files.readString(out);
        assertThat(script.exitValue()).as(all).isEqualTo(130);
        assertThat(all)
            .contains("Not applied: SIGINT came while the plan was being made")
            .doesNotContain("Apply these changes to")
            .doesNotContain("Applying:");
        assertThat(lock(a)).as("a's lock was released").isBlank();
        assertThat(lock(b)).as("b's lock was released").isBlank();
        assertThat(Docker.run("ps", "-aq", "--filter", "name=^" + a.deployment + "-backend$"))
            .isBlank();
      } finally {
        script.destroyForcibly();
      }
    }
  }
}
