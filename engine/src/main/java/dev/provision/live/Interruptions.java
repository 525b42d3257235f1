package dev.provision.live;

import dev.provision.model.Address;
import dev.provision.model.ApplyId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds an interrupted apply on the target: pure, from the observed containers, their labels and
 * what the deployment's lock says. Never from a local journal, so a journal left unfinished by an
 * older version never triggers anything.
 */
public final class Interruptions {
  private Interruptions() {}

  /**
   * What the deployment's lock says about applies: a stale one (interrupted) and/or one running
   * now.
   *
   * @param stale the interrupted apply's id, last heartbeat, step and holder, when its lock is
   *     stale (or was taken over by this apply)
   * @param running the id of an apply that holds the lock right now (its half-done containers are
   *     work in progress, not an interruption)
   */
  public record LockState(Optional<StaleLock> stale, Optional<ApplyId> running) {
    public static LockState none() {
      return new LockState(Optional.empty(), Optional.empty());
    }
  }

  /**
   * What a container's labels say about the apply that made it: its id and, on a replacement, how
   * the container it replaces was (read by the engine from {@code dev.provision.*} labels).
   */
  public record Marks(Optional<ApplyId> applyId, Optional<HalfDoneSwap.PutBack> replaces) {
    public static Marks none() {
      return new Marks(Optional.empty(), Optional.empty());
    }
  }

  /** A stale lock's story: whose apply, last alive when, at which step, run by whom. */
  public record StaleLock(ApplyId applyId, Instant at, Optional<String> step, String holder) {}

  /**
   * @param host what the host driver observed (containers under their own addresses, {@code
   *     container.backend-next} for {@code NAME-next})
   * @param labels what each container's labels say, by its actual name
   */
  public static Optional<Interrupted> find(
      ObservedState host, Map<String, Marks> labels, LockState lock) {
    Map<Address, ObservedResource> all = host.resources();
    TreeSet<Address> bases = new TreeSet<>();
    for (Address a : all.keySet()) {
      if (a.kind() == Address.Kind.CONTAINER && a.name().endsWith(HalfDoneSwap.NEXT)) {
        bases.add(Address.of(Address.Kind.CONTAINER, strip(a.name(), HalfDoneSwap.NEXT)));
      } else if (a.kind() == Address.Kind.CONTAINER && a.name().endsWith(HalfDoneSwap.PREV)) {
        bases.add(Address.of(Address.Kind.CONTAINER, strip(a.name(), HalfDoneSwap.PREV)));
      }
    }
    Optional<ApplyId> lockId = lock.stale().map(StaleLock::applyId);
    List<HalfDoneSwap> swaps = new ArrayList<>();
    Optional<ApplyId> seen = Optional.empty();
    for (Address base : bases) {
      ObservedResource cur = all.get(base);
      ObservedResource next =
          all.get(Address.of(Address.Kind.CONTAINER, base.name() + HalfDoneSwap.NEXT));
      ObservedResource prev =
          all.get(Address.of(Address.Kind.CONTAINER, base.name() + HalfDoneSwap.PREV));
      String name = nameFor(base, cur, next, prev);
      List<ObservedResource> made = new ArrayList<>();
      Optional<ObservedResource> old;
      if (prev != null) {
        old = Optional.of(prev);
        if (cur != null && madeBy(cur, labels, lockId.or(() -> applyOf(next, labels)))) {
          made.add(cur);
        }
      } else {
        old = Optional.ofNullable(cur);
      }
      if (next != null) {
        made.add(next);
      }
      Optional<ApplyId> id =
          made.stream().map(r -> applyOf(r, labels)).flatMap(Optional::stream).findFirst();
      if (lock.running().isPresent() && id.equals(lock.running())) {
        continue; // an apply running now is mid-replace: nothing was interrupted
      }
      seen = seen.or(() -> id);
      swaps.add(new HalfDoneSwap(base, name, old, made, putBack(made, labels)));
    }
    if (swaps.isEmpty() && lock.stale().isEmpty()) {
      return Optional.empty();
    }
    Optional<StaleLock> stale = lock.stale();
    Optional<ApplyId> fromContainers = seen;
    return Optional.of(
        new Interrupted(
            lockId.or(() -> fromContainers),
            stale.map(StaleLock::at),
            stale.flatMap(StaleLock::step),
            stale.map(StaleLock::holder),
            swaps));
  }

  /**
   * Whether {@code cur} (holding NAME while NAME-prev exists) was made by the interrupted apply:
   * its apply id is that apply's, or unknown (an older version, or no other hint): with NAME-prev
   * on the target, what holds NAME is the replacement.
   */
  private static boolean madeBy(
      ObservedResource cur, Map<String, Marks> labels, Optional<ApplyId> apply) {
    Optional<ApplyId> own = applyOf(cur, labels);
    return own.isEmpty() || apply.isEmpty() || own.equals(apply);
  }

  private static Optional<HalfDoneSwap.PutBack> putBack(
      List<ObservedResource> made, Map<String, Marks> labels) {
    return made.stream()
        .map(r -> labels.getOrDefault(HalfDoneSwap.nameOf(r), Marks.none()).replaces())
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static Optional<ApplyId> applyOf(ObservedResource r, Map<String, Marks> labels) {
    if (r == null) {
      return Optional.empty();
    }
    return labels.getOrDefault(HalfDoneSwap.nameOf(r), Marks.none()).applyId();
  }

  private static String nameFor(
      Address base, ObservedResource cur, ObservedResource next, ObservedResource prev) {
    if (cur != null) {
      return HalfDoneSwap.nameOf(cur);
    }
    if (next != null) {
      return strip(HalfDoneSwap.nameOf(next), HalfDoneSwap.NEXT);
    }
    return strip(HalfDoneSwap.nameOf(prev), HalfDoneSwap.PREV);
  }

  private static String strip(String s, String suffix) {
    return s.substring(0, s.length() - suffix.length());
  }
}
