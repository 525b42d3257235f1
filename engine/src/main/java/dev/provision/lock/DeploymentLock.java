package dev.provision.lock;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.HostDriver;
import dev.provision.driver.LockHolder;
import dev.provision.driver.LockRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One apply at a time per deployment: the lock lives on the target (see {@link
 * HostDriver#createLock}), so it holds for two operators on two machines and over SSH alike. While
 * held, a heartbeat thread renews its expiry and records the current step; a lock whose holder
 * stopped renewing (killed, machine gone) or whose process on this machine is gone is taken over
 * with a warning, so recovery after {@code kill -9} is never blocked.
 */
public final class DeploymentLock implements AutoCloseable {
  static final Duration TTL = Duration.ofSeconds(60);
  static final Duration BEAT = Duration.ofSeconds(10);
  static final Duration POLL = Duration.ofMillis(500);

  /** Tries (about 10 s in all) before a name that holds no readable lock is called not a lock. */
  static final int VANISHED_TRIES = 22;

  private final HostDriver host;
  private final String deployment;
  private final String id;
  private final LockHolder holder;
  private final Clock clock;
  private final Thread heartbeat;
  private volatile String step;
  private volatile boolean lost;
  private volatile String lostTo;
  private volatile Runnable onLost = () -> {};
  private Optional<LockRecord> takenOver = Optional.empty();
  private boolean dirty;
  private volatile boolean kept;
  private final Object writing = new Object();
  private boolean closed;

  private DeploymentLock(
      HostDriver host, String deployment, String id, LockHolder holder, Clock clock) {
    this.host = host;
    this.deployment = deployment;
    this.id = id;
    this.holder = holder;
    this.clock = clock;
    this.heartbeat = new Thread(this::beat, "provision-lock-heartbeat");
    heartbeat.setDaemon(true);
  }

  /**
   * Takes the lock, waiting up to {@code request.timeout()} for its holder to release it. A stale
   * lock is taken over and a warning saying whose it was and where it stopped is added to {@code
   * warnings}.
   *
   * @throws ProvisionException naming the holder when the lock is still held at the deadline
   */
  public static DeploymentLock acquire(
      HostDriver host,
      String deployment,
      LockRequest request,
      Clock clock,
      List<Diagnostic> warnings) {
    LockHolder me = LockHolders.me(request.command(), clock.instant());
    Instant deadline = clock.instant().plus(request.timeout());
    int vanished = 0;
    Optional<LockRecord> tookOver = Optional.empty();
    Diagnostic tookOverWarning = null;
    while (true) {
      if (request.stop().requested()) {
        throw stopped();
      }
      Optional<String> id = host.createLock(deployment, me, clock.instant().plus(TTL));
      if (id.isPresent()) {
        DeploymentLock lock = new DeploymentLock(host, deployment, id.get(), me, clock);
        lock.takenOver = tookOver;
        if (tookOverWarning != null) {
          warnings.add(tookOverWarning);
        }
        lock.heartbeat.start();
        return lock;
      }
      Optional<LockRecord> current = host.readLock(deployment);
      if (current.isEmpty()) {
        // the name is taken but holds no readable lock: most often the holder's lock is being
        // removed right now (Docker keeps the name until the removal ends), so wait a moment;
        // an object of that name made by something else never becomes a lock: said at once
        if (host.lockNameTakenByOther(deployment) || ++vanished > VANISHED_TRIES) {
          throw notALock(deployment);
        }
        pause(request, POLL.multipliedBy(Math.min(vanished, 4)).dividedBy(4));
        continue;
      }
      vanished = 0;
      Optional<String> stale = LockHolders.stale(current.get(), clock.instant());
      if (stale.isPresent()) {
        Optional<DataPhase.ReplacingData> restore = DataPhase.restoreOf(current.get().step());
        if (restore.isPresent()
            && request.interruptedRestore() == LockRequest.InterruptedRestore.REFUSE) {
          // the stale lock stays: it is what tells the next command the data may be half-written
          throw InterruptedRestores.refusal(deployment, current.get(), restore.get());
        }
        tookOverWarning =
            restore
                .map(r -> InterruptedRestores.takenOver(deployment, current.get(), r))
                .orElseGet(() -> takenOver(deployment, current.get(), stale.get()));
        tookOver = current;
        host.removeLock(deployment, current.get().id());
        continue;
      }
      // a live lock: if this one found a stale lock, the holder took it over first and recovers
      // from it; once it is released there is nothing of it left for this one to recover
      tookOver = Optional.empty();
      tookOverWarning = null;
      if (!clock.instant().isBefore(deadline)) {
        throw held(deployment, current.get(), request.timeout());
      }
      pause(request, POLL);
    }
  }

  /** The apply id recorded in the lock (and on what this apply creates). */
  public String applyId() {
    return holder.applyId();
  }

  /** Records the step now running; the heartbeat writes it to the target at once. */
  public void step(String stepId) {
    this.step = stepId;
    synchronized (this) {
      dirty = true;
      notifyAll();
    }
  }

  /**
   * Records {@code stepId} on the target now, before the caller goes on (the heartbeat would write
   * it a moment later): for a phase that must be known if the process dies in the next instant.
   *
   * @throws ProvisionException when the lock was lost (nothing more may be done under it)
   */
  public void record(String stepId) {
    this.step = stepId;
    boolean renewed;
    try {
      synchronized (writing) { // never overtaken by a heartbeat carrying the previous step
        renewed = !lost && host.renewLock(deployment, id, clock.instant().plus(TTL), stepId);
      }
    } catch (RuntimeException unreachable) {
      throw ProvisionException.of(
          "cannot record the step " + stepId + " in the lock of " + deployment,
          "check the target, then run the command again");
    }
    if (!renewed) {
      throw ProvisionException.of(
          "the lock of " + deployment + " was lost before " + stepId,
          "see who holds it (provision unlock SPEC shows it), then run the command again");
    }
  }

  /**
   * Leaves the lock on the target when closed (the heartbeat stops), with the step it records: for
   * a command that failed in a state the next one must be told about (it finds the lock stale).
   */
  public void keepOnTarget() {
    this.kept = true;
  }

  /** True when the lock was broken (by {@code provision unlock}) or taken over while held. */
  public boolean lost() {
    return lost;
  }

  /**
   * Why the lock was lost, for the report: {@code the deployment's lock was broken by HOLDER}, or
   * empty while it is held.
   */
  public Optional<String> lostReason() {
    return Optional.ofNullable(lostTo);
  }

  /** Runs {@code action} (once, on the heartbeat thread) when the lock is found lost. */
  public void onLost(Runnable action) {
    this.onLost = action;
  }

  /** The stale lock this one replaced: the interrupted apply's, empty when there was none. */
  public Optional<LockRecord> takenOver() {
    return takenOver;
  }

  private void beat() {
    while (true) {
      synchronized (this) {
        long end = System.nanoTime() + BEAT.toNanos();
        while (!dirty && !closed && System.nanoTime() < end) {
          try {
            wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        dirty = false;
      }
      try {
        boolean renewed;
        synchronized (writing) {
          renewed = host.renewLock(deployment, id, clock.instant().plus(TTL), step);
        }
        if (!renewed) {
          lostTo = "the deployment's lock was broken by " + breaker();
          lost = true;
          onLost.run();
          return;
        }
      } catch (RuntimeException unreachable) {
        // the next beat tries again; the lock expires only after TTL without one
      }
    }
  }

  /** Who holds the lock now, or how it went when nobody does. */
  private String breaker() {
    try {
      return host.readLock(deployment)
          .filter(l -> !l.id().equals(id))
          .map(l -> l.holder().describe() + " (who holds it now)")
          .orElse("`provision unlock` (or by hand) while this apply held it");
    } catch (RuntimeException unreadable) {
      return "someone else (the lock could not be read)";
    }
  }

  /** Stops the heartbeat and removes the lock (only this one: never one taken over since). */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      notifyAll();
    }
    try {
      heartbeat.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (kept) {
      return; // stale once this process is gone (or after TTL): the next command reads its step
    }
    try {
      host.removeLock(deployment, id);
    } catch (RuntimeException e) {
      // it expires by itself after TTL
    }
  }

  private static Diagnostic takenOver(String deployment, LockRecord lock, String why) {
    return Diagnostic.warning(
            null,
            "lock",
            "an apply was interrupted: took over the lock of "
                + deployment
                + " held by "
                + lock.holder().describe()
                + ", "
                + LockHolders.progress(lock)
                + " ("
                + why
                + ")")
        .withHint(
            "whatever that apply left half-done is in this plan; check the journal of that run");
  }

  private static ProvisionException held(String deployment, LockRecord lock, Duration waited) {
    return new ProvisionException(
        Diagnostic.error(
                null,
                "lock",
                "deployment "
                    + deployment
                    + " is locked by "
                    + lock.holder().describe()
                    + ", "
                    + LockHolders.progress(lock))
            .withExpected("no other apply or destroy of this deployment running")
            .withFound(
                "the lock, renewed until "
                    + lock.expires()
                    + (waited.isZero() ? "" : "; waited " + waited.toSeconds() + "s"))
            .withHint(
                "wait for it to finish, or retry with --lock-timeout 5m to wait; if that"
                    + " process is gone for good, `provision unlock SPEC` breaks the lock"));
  }

  private static ProvisionException notALock(String deployment) {
    return ProvisionException.of(
        "a container named " + deployment + "-lock exists, but it is not a provision lock",
        "rename or remove that container: provision needs the name to lock the deployment");
  }

  /** Waits {@code d} unless the request's stop is asked or the thread interrupted meanwhile. */
  private static void pause(LockRequest request, Duration d) {
    try {
      if (request.stop().await(d)) {
        throw stopped();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw stopped();
    }
  }

  private static ProvisionException stopped() {
    return ProvisionException.of("interrupted while waiting for the lock", "nothing was changed");
  }
}
