package dev.provision.driver;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The deployment locks of the in-memory host: one per deployment name, created only when absent (as
 * Docker's container names are), identified by a random id. May be shared by several {@link
 * FakeHostDriver}s to stand for two processes on one host. Thread-safe.
 */
public final class FakeLocks {
  private final Map<String, LockRecord> locks = new HashMap<>();
  private final Map<String, Integer> removing = new HashMap<>();
  private final Set<String> others = new HashSet<>();
  private final Map<String, LockRecord> winners = new HashMap<>();

  /**
   * Stands for Docker removing the lock container: for the next {@code reads} reads, the name is
   * still taken (creating fails) but the lock can no longer be read.
   */
  public synchronized void removingFor(String deployment, int reads) {
    removing.put(deployment, reads);
  }

  /**
   * Stands for an object of the lock's name made by something else (a container called {@code
   * <deployment>-lock} that is not a lock): creating fails and nothing is ever readable.
   */
  public synchronized void takenByOther(String deployment) {
    others.add(deployment);
  }

  /**
   * Stands for another process taking a stale lock over first: when the deployment's lock is next
   * removed, {@code holder}'s lock takes its place before anyone else can create one.
   */
  public synchronized void takenOverFirstBy(String deployment, LockHolder holder, Instant expires) {
    winners.put(
        deployment,
        new LockRecord(UUID.randomUUID().toString(), holder, expires, Optional.empty()));
  }

  synchronized boolean isTakenByOther(String deployment) {
    return others.contains(deployment);
  }

  synchronized Optional<String> create(String deployment, LockHolder holder, Instant expires) {
    if (locks.containsKey(deployment)
        || removing.containsKey(deployment)
        || others.contains(deployment)) {
      return Optional.empty();
    }
    String id = UUID.randomUUID().toString();
    locks.put(deployment, new LockRecord(id, holder, expires, Optional.empty()));
    return Optional.of(id);
  }

  synchronized Optional<LockRecord> read(String deployment) {
    Integer left = removing.get(deployment);
    if (left != null) {
      if (left <= 1) {
        removing.remove(deployment);
      } else {
        removing.put(deployment, left - 1);
      }
      return Optional.empty();
    }
    return Optional.ofNullable(locks.get(deployment));
  }

  synchronized boolean renew(String deployment, String id, Instant expires, String step) {
    LockRecord now = locks.get(deployment);
    if (now == null || !now.id().equals(id)) {
      return false;
    }
    locks.put(deployment, new LockRecord(id, now.holder(), expires, Optional.ofNullable(step)));
    return true;
  }

  synchronized void remove(String deployment, String id) {
    LockRecord now = locks.get(deployment);
    if (now != null && now.id().equals(id)) {
      locks.remove(deployment);
      LockRecord winner = winners.remove(deployment);
      if (winner != null) {
        locks.put(deployment, winner);
      }
    }
  }
}
