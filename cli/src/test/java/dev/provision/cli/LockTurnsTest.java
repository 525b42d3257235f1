package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A several-spec apply or destroy takes its locks one after another in one order (target, then
 * deployment) whatever the order given, and a member that ends before its lock (a spec that does
 * not read, a skipped one) never holds up the next.
 */
class LockTurnsTest {
  private final Cli cli =
      new Cli(
          new PrintWriter(new StringWriter(), true),
          new PrintWriter(new StringWriter(), true),
          Map.of(),
          false,
          null,
          false);

  private static FleetMember member(int index, String engine, String deployment) {
    return new FleetMember(
        index,
        Path.of(deployment + ".yaml"),
        Optional.of(deployment),
        Optional.of(engine),
        Optional.of(engine + "\n" + deployment));
  }

  private static FleetOptions parallel(int n) {
    FleetOptions o = new FleetOptions();
    o.parallel = n;
    return o;
  }

  @Test
  void locksAreTakenByTargetThenDeploymentAndUnreadSpecsComeLast() {
    FleetMember unread =
        new FleetMember(0, Path.of("bad.yaml"), Optional.empty(), Optional.empty());
    FleetMember b = member(1, "docker unix:///var/run/docker.sock", "b");
    FleetMember sshA = member(2, "ssh h1:22", "a");
    FleetMember a = member(3, "docker unix:///var/run/docker.sock", "a");

    assertThat(LockTurns.sorted(List.of(unread, b, sshA, a)).order())
        .containsExactly(a, b, sshA, unread);
  }

  @Test
  void theSecondLockWaitsForTheFirstEvenWhenItsJobIsReadyFirst() {
    FleetMember b = member(0, "docker x", "b");
    FleetMember a = member(1, "docker x", "a");
    List<FleetMember> members = List.of(b, a);
    LockTurns turns = LockTurns.sorted(members);
    ConcurrentLinkedQueue<String> taken = new ConcurrentLinkedQueue<>();
    AtomicReference<Thread> bThread = new AtomicReference<>();

    List<FleetOutcome> outcomes =
        new Fleet(
                cli,
                parallel(2),
                new FleetBlocks(cli, FleetBlocks.Style.JSON, "apply"),
                () -> false)
            .run(
                members,
                turns,
                (own, m) -> {
                  if (m == b) {
                    bThread.set(Thread.currentThread());
                  } else {
                    // a is slow to reach its lock: b, ready first, must still wait for it
                    awaitBlocked(bThread);
                  }
                  return turns
                      .of(m)
                      .taking(
                          () -> {
                            taken.add(m.deployment().get());
                            return Fleet.Done.of(ExitCodes.OK);
                          });
                });

    assertThat(taken).containsExactly("a", "b");
    assertThat(outcomes).noneMatch(FleetOutcome::failed);
  }

  @Test
  void aMemberThatFailsBeforeItsLockPassesItsTurnOn() {
    FleetMember a = member(0, "docker x", "a");
    FleetMember b = member(1, "docker x", "b");
    List<FleetMember> members = List.of(a, b);
    LockTurns turns = LockTurns.sorted(members);

    List<FleetOutcome> outcomes =
        new Fleet(
                cli,
                parallel(1),
                new FleetBlocks(cli, FleetBlocks.Style.JSON, "apply"),
                () -> false)
            .run(
                members,
                turns,
                (own, m) -> {
                  if (m == a) {
                    throw dev.provision.diag.ProvisionException.of("a does not read", "fix it");
                  }
                  return turns.of(m).taking(() -> Fleet.Done.of(ExitCodes.OK));
                });

    assertThat(outcomes.get(0).failed()).isTrue();
    assertThat(outcomes.get(1).failed()).isFalse();
  }

  /** Returns once the thread in {@code ref} waits (blocked on its turn), or after 5 s. */
  private static void awaitBlocked(AtomicReference<Thread> ref) {
    long end = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < end) {
      Thread t = ref.get();
      if (t != null && t.getState() == Thread.State.WAITING) {
        return;
      }
      Thread.onSpinWait();
    }
  }
}
