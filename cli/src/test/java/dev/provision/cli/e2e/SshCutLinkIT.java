package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.HostDriver;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The SSH link cut (every connection closed, as when a router or the server drops it) at the
 * moments an apply is most exposed: while the backend's readiness is awaited through the port
 * forward, while deployment env vars are set through the admin API, and during the post-apply
 * checks; and silently partitioned (bytes dropped, nothing closed) while env vars are set. Each
 * time the failure names the SSH layer ("lost the SSH connection to HOST:PORT"), not the backend
 * ("not ready", "could not reach the Convex backend"); the report lists what may still be on the
 * target; and nothing waits out a long timeout.
 */
class SshCutLinkIT {
  private static final Duration BOUND = Duration.ofSeconds(60);

  @Test
  void aCutDuringTheReadinessWaitNamesSsh() throws Exception {
    try (SshBench bench = SshBench.start()) {
      // a slow link keeps the readiness probe in flight while the backend already runs
      bench.relay.delay(Duration.ofMillis(500));
      AtomicBoolean watching = new AtomicBoolean(false);
      Thread cutter =
          new Thread(
              () -> {
                try {
                  awaitBackendRunning(bench);
                  Thread.sleep(750); // the start call's answer is back: readiness is being probed
                  bench.relay.cut();
                  watching.set(true);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      cutter.setDaemon(true);
      cutter.start();
      E2e.Run applied = bench.cli("apply", line -> {}, "--yes");
      System.out.println(applied.all());
      assertThat(watching).as(applied.all()).isTrue();
      assertFailsNamingSsh(bench, applied);
      assertThat(applied.out())
          .contains(
              "FAILED container.backend/start-container: lost the SSH connection to "
                  + bench.sshAddress());
    }
  }

  @Test
  void aCutWhileSettingEnvVarsNamesSsh() throws Exception {
    try (SshBench bench = SshBench.start()) {
      AtomicBoolean cut = new AtomicBoolean(false);
      long[] cutAt = new long[1];
      E2e.Run applied =
          bench.cli(
              "apply",
              cutOnce(
                  line -> line.contains("... set deployment env var"),
                  () -> {
                    cutAt[0] = System.nanoTime();
                    bench.relay.cut();
                    cut.set(true);
                  }),
              "--yes",
              "--set",
              "env.FEATURE=alpha");
      System.out.println(applied.all());
      assertThat(cut).as(applied.all()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - cutAt[0])).isLessThan(BOUND);
      assertFailsNamingSsh(bench, applied);
      assertThat(applied.all()).doesNotContain("could not reach the Convex backend");
      assertThat(applied.out())
          .containsPattern("FAILED env\\.[A-Z_]+/[a-z-]+: lost the SSH connection");
    }
  }

  @Test
  void aSilentPartitionWhileSettingEnvVarsIsALostLinkWithinAboutAMinute() throws Exception {
    try (SshBench bench = SshBench.start()) {
      long[] cutAt = new long[1];
      E2e.Run applied =
          bench.cli(
              "apply",
              cutOnce(
                  line -> line.contains("... set deployment env var"),
                  () -> {
                    cutAt[0] = System.nanoTime();
                    bench.relay.blackhole(true);
                  }),
              "--yes",
              "--set",
              "env.FEATURE=alpha");
      Duration took = Duration.ofNanos(System.nanoTime() - cutAt[0]);
      System.out.println(applied.all());
      System.out.println("the apply ended " + took.toSeconds() + " s after the partition");
      assertThat(cutAt[0]).as(applied.all()).isNotZero();
      // keepalives every 15 s, the link declared lost after 3 unanswered: about a minute
      assertThat(took).as(applied.all()).isLessThan(Duration.ofSeconds(120));
      assertFailsNamingSsh(bench, applied);
    }
  }

  @Test
  void theChecksStopAtOnceWhenTheLinkIsCutAfterTheSteps() throws Exception {
    try (SshBench bench = SshBench.start()) {
      E2e.Run plan = bench.cli("plan", "--set", "env.FEATURE=alpha");
      long steps = plan.out().lines().filter(l -> l.matches("^\\s+\\d+\\. .*")).count();
      assertThat(steps).as(plan.all()).isGreaterThan(3);
      AtomicInteger done = new AtomicInteger();
      long[] cutAt = new long[1];
      E2e.Run applied =
          bench.cli(
              "apply",
              line -> {
                // the last step succeeded: the post-apply checks come next
                if (line.startsWith("  ok  ") && done.incrementAndGet() == steps) {
                  cutAt[0] = System.nanoTime();
                  bench.relay.cut();
                }
              },
              "--yes",
              "--set",
              "env.FEATURE=alpha");
      System.out.println(applied.all());
      assertThat(cutAt[0]).as(applied.all()).isNotZero();
      Duration took = Duration.ofNanos(System.nanoTime() - cutAt[0]);
      System.out.println("the checks failed " + took.toMillis() + " ms after the cut");
      // no check waits out its 30 s HTTP timeout: a forward on a lost link closes at once
      assertThat(took).as(applied.all()).isLessThan(Duration.ofSeconds(20));
      assertThat(applied.code()).as(applied.all()).isNotZero();
      assertThat(applied.out())
          .contains("Checks:")
          .contains("FAIL  link to the target: lost the SSH connection to " + bench.sshAddress());
    }
  }

  private static void assertFailsNamingSsh(SshBench bench, E2e.Run applied) {
    assertThat(applied.code()).as(applied.all()).isNotZero();
    assertThat(applied.all())
        .contains("lost the SSH connection to " + bench.sshAddress())
        .doesNotContain("was not ready after")
        .contains("May still be on the target:")
        .doesNotContain("every completed step was undone");
  }

  private static Consumer<String> cutOnce(java.util.function.Predicate<String> when, Runnable cut) {
    AtomicBoolean done = new AtomicBoolean(false);
    return line -> {
      if (when.test(line) && done.compareAndSet(false, true)) {
        cut.run();
      }
    };
  }

  private static void awaitBackendRunning(SshBench bench) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    try (HostDriver docker = bench.e2e.docker()) {
      while (System.nanoTime() < deadline) {
        if (docker
            .inspectContainer(bench.e2e.deployment + "-backend")
            .map(c -> c.running())
            .orElse(false)) {
          return;
        }
        Thread.sleep(50);
      }
    }
    throw new AssertionError("the backend never ran");
  }
}
