package dev.provision.cli;

import dev.provision.lock.LockTurn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The order a several-spec apply or destroy takes its deployments' locks in: sorted by target
 * engine, then deployment ({@link FleetMember#lockKey}), one after another, each lock taken only
 * once the one before it is taken or failed. Every command sorts the same way, so two commands
 * applying overlapping sets at once never each hold a lock the other waits for (a terminal apply
 * holds all its locks from the plans to the end of the applies): the later one waits for the first
 * lock, holding none, up to --lock-timeout. Jobs start in this order too, so that a job waiting for
 * its turn never holds the thread its predecessor needs. Specs that do not read come last.
 */
final class LockTurns {
  private final List<FleetMember> order;
  private final Map<Integer, LockTurn> turns = new HashMap<>();

  private LockTurns(List<FleetMember> order, boolean ordered) {
    this.order = List.copyOf(order);
    CountDownLatch previous = null;
    for (FleetMember m : this.order) {
      CountDownLatch mine = new CountDownLatch(1);
      turns.put(m.index(), ordered ? new Turn(previous, mine) : LockTurn.ANY);
      previous = mine;
    }
  }

  /** Sorted turns for {@code members}. */
  static LockTurns sorted(List<FleetMember> members) {
    List<FleetMember> order = new ArrayList<>(members);
    order.sort(
        Comparator.comparing((FleetMember m) -> m.lockKey().isEmpty())
            .thenComparing(m -> m.lockKey().orElse(""))
            .thenComparingInt(FleetMember::index));
    return new LockTurns(order, true);
  }

  /** No turns: the members start in the order given and take no lock in any order. */
  static LockTurns none(List<FleetMember> members) {
    return new LockTurns(members, false);
  }

  /** The members in the order their jobs start. */
  List<FleetMember> order() {
    return order;
  }

  /** The turn of {@code member}. */
  LockTurn of(FleetMember member) {
    return Optional.ofNullable(turns.get(member.index())).orElse(LockTurn.ANY);
  }

  /** Waits for the previous member's lock; passes on when this one is taken or failed. */
  private record Turn(CountDownLatch previous, CountDownLatch mine) implements LockTurn {
    @Override
    public void await() throws InterruptedException {
      if (previous != null) {
        previous.await();
      }
    }

    @Override
    public void done() {
      mine.countDown();
    }
  }
}
