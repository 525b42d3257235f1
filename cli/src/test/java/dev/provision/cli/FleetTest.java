package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The runner of several-spec commands: blocks printed whole in the order given whatever order the
 * jobs end in, at most --parallel at once, --fail-fast skips what had not started, and the outcome
 * of a job that throws is its diagnostics and exit 1.
 */
class FleetTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Cli cli =
      new Cli(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), false, null, false);

  private static List<FleetMember> members(int n) {
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                new FleetMember(
                    i,
                    Path.of("s" + i + ".yaml"),
                    Optional.of("d" + i),
                    Optional.of("docker (local)")))
        .toList();
  }

  private static FleetOptions options(int parallel, boolean failFast) {
    FleetOptions o = new FleetOptions();
    o.parallel = parallel;
    o.failFast = failFast;
    return o;
  }

  @Test
  void blocksComeWholeInTheOrderGivenWhateverOrderTheyEndIn() {
    FleetBlocks blocks = new FleetBlocks(cli, FleetBlocks.Style.TEXT, "plan");
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch lastStarted = new CountDownLatch(1);
    List<FleetOutcome> outcomes =
        new Fleet(cli, options(3, false), blocks, () -> false)
            .run(
                members(4),
                (own, m) -> {
                  most.accumulateAndGet(running.incrementAndGet(), Math::max);
                  try {
                    if (m.index() == 3) {
                      lastStarted.countDown();
                    } else if (m.index() == 0) {
                      // the first ends last: its block must still come first
                      lastStarted.await(10, TimeUnit.SECONDS);
                    }
                    own.out().println("line 1 of " + m.name());
                    Thread.sleep(m.index() == 0 ? 50 : 5);
                    own.out().println("line 2 of " + m.name());
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  } finally {
                    running.decrementAndGet();
                  }
                  return Fleet.Done.of(m.index() == 2 ? 2 : 0, m.index());
                });

    assertThat(most.get()).isLessThanOrEqualTo(3);
    assertThat(outcomes)
        .extracting(o -> o.result().word())
        .containsExactly("ok", "ok", "changes", "ok");
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      expected
          .append("=== d" + i + " (s" + i + ".yaml) ===\n")
          .append("line 1 of d" + i + "\nline 2 of d" + i + "\n\n");
    }
    assertThat(out.toString()).isEqualTo(expected.toString());
  }

  @Test
  void aPartOfTheSpecsGivenRunsEachOfItsMembersOnce() {
    // as the applies after one question: the members that had changes, by their index
    List<FleetMember> all = members(5);
    List<FleetMember> chosen = List.of(all.get(1), all.get(3), all.get(4));
    ConcurrentLinkedQueue<Integer> ran = new ConcurrentLinkedQueue<>();
    List<FleetOutcome> outcomes =
        new Fleet(
                cli,
                options(2, false),
                new FleetBlocks(cli, FleetBlocks.Style.JSON, "x"),
                () -> false)
            .run(
                chosen,
                (own, m) -> {
                  ran.add(m.index());
                  return Fleet.Done.of(0);
                });

    assertThat(ran).containsExactlyInAnyOrder(1, 3, 4);
    assertThat(outcomes).extracting(o -> o.member().index()).containsExactly(1, 3, 4);
  }

  @Test
  void parallelOneRunsInTheOrderGiven() {
    ConcurrentLinkedQueue<Integer> started = new ConcurrentLinkedQueue<>();
    new Fleet(
            cli, options(1, false), new FleetBlocks(cli, FleetBlocks.Style.JSON, "x"), () -> false)
        .run(
            members(5),
            (own, m) -> {
              started.add(m.index());
              return Fleet.Done.of(0);
            });
    assertThat(started).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void failFastSkipsWhatHadNotStartedAndAThrowingJobIsAnError() {
    List<FleetOutcome> outcomes =
        new Fleet(
                cli,
                options(1, true),
                new FleetBlocks(cli, FleetBlocks.Style.TEXT, "x"),
                () -> false)
            .run(
                members(3),
                (own, m) -> {
                  if (m.index() == 1) {
                    throw dev.provision.diag.ProvisionException.of("broken " + m.name(), "fix it");
                  }
                  return Fleet.Done.of(0);
                });
    assertThat(outcomes)
        .extracting(o -> o.result().word())
        .containsExactly("ok", "failed", "skipped");
    assertThat(outcomes.get(1).exitCode()).isEqualTo(1);
    assertThat(outcomes.get(1).err()).isEqualTo("error: broken d1\n  hint: fix it\n");
    assertThat(err.toString())
        .isEqualTo("=== d1 (s1.yaml) ===\nerror: broken d1\n  hint: fix it\n");
    assertThat(out.toString()).contains("=== d2 (s2.yaml) ===\nskipped: not started\n");
  }

  @Test
  void aStopSkipsEveryJobNotStarted() {
    List<FleetOutcome> outcomes =
        new Fleet(
                cli,
                options(2, false),
                new FleetBlocks(cli, FleetBlocks.Style.JSON, "x"),
                () -> true)
            .run(members(2), (own, m) -> Fleet.Done.of(0));
    assertThat(outcomes).extracting(o -> o.result().word()).containsExactly("skipped", "skipped");
  }
}
