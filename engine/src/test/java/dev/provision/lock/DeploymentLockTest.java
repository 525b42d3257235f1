package dev.provision.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.FakeHostDriver;
import dev.provision.driver.FakeLocks;
import dev.provision.driver.LockHolder;
import dev.provision.driver.LockRecord;
import dev.provision.exec.StopRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The deployment lock on the in-memory host: exclusion, waiting, takeover, release. */
class DeploymentLockTest {
  private final FakeHostDriver host = new FakeHostDriver();
  private final List<Diagnostic> warnings = new ArrayList<>();
  private final Clock clock = Clock.systemUTC();

  @Test
  void aSecondApplyIsRefusedAtOnceNamingTheHolder() {
    try (DeploymentLock held =
        DeploymentLock.acquire(
            host,
            "demo",
            new LockRequest("provision apply SPEC --yes", Duration.ZERO),
            clock,
            warnings)) {
      assertThatThrownBy(
              () ->
                  DeploymentLock.acquire(
                      host, "demo", LockRequest.immediate(), clock, new ArrayList<>()))
          .isInstanceOf(ProvisionException.class)
          .hasMessageContaining("deployment demo is locked by")
          .hasMessageContaining("pid " + ProcessHandle.current().pid())
          .hasMessageContaining("provision apply SPEC --yes")
          .hasMessageContaining("provision unlock SPEC");
      assertThat(host.readLock("demo").orElseThrow().holder().applyId()).isEqualTo(held.applyId());
    }
    assertThat(host.readLock("demo")).isEmpty();
    assertThat(warnings).isEmpty();
  }

  @Test
  void aLockBeingRemovedWhileAnotherApplyLooksIsWaitedForNotCalledForeign() {
    FakeLocks locks = new FakeLocks();
    FakeHostDriver racing = new FakeHostDriver().withLocks(locks);
    locks.removingFor("demo", 10); // name taken, nothing readable: Docker removing the container
    try (DeploymentLock lock =
        DeploymentLock.acquire(racing, "demo", LockRequest.immediate(), clock, warnings)) {
      assertThat(racing.readLock("demo").orElseThrow().id()).isNotBlank();
    }
    assertThat(warnings).isEmpty();
  }

  @Test
  void aNameThatNeverHoldsAReadableLockIsReportedAsNotALock() {
    FakeLocks locks = new FakeLocks();
    FakeHostDriver foreign = new FakeHostDriver().withLocks(locks);
    locks.removingFor("demo", Integer.MAX_VALUE);
    assertThatThrownBy(
            () -> DeploymentLock.acquire(foreign, "demo", LockRequest.immediate(), clock, warnings))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("a container named demo-lock exists, but it is not a provision lock");
  }

  @Test
  void aNameTakenBySomethingElseIsReportedAtOnceNotAfterTheWaitForARemoval() {
    FakeLocks locks = new FakeLocks();
    FakeHostDriver foreign = new FakeHostDriver().withLocks(locks);
    locks.takenByOther("demo"); // a container called demo-lock that some other tool made
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                DeploymentLock.acquire(
                    foreign, "demo", new LockRequest("p", Duration.ofMinutes(1)), clock, warnings))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("a container named demo-lock exists, but it is not a provision lock");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void aStopWhileWaitingForAHeldLockEndsTheWaitAtOnceAndTakesNothing() throws Exception {
    StopRequest stop = new StopRequest();
    try (DeploymentLock held =
        DeploymentLock.acquire(host, "demo", LockRequest.immediate(), clock, warnings)) {
      Thread signal =
          new Thread(
              () -> {
                try {
                  Thread.sleep(300);
                } catch (InterruptedException e) {
                  return;
                }
                stop.stop();
              });
      signal.start();
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  DeploymentLock.acquire(
                      host,
                      "demo",
                      new LockRequest("p", Duration.ofMinutes(5)).stoppedBy(stop),
                      clock,
                      new ArrayList<>()))
          .isInstanceOf(ProvisionException.class)
          .hasMessageContaining("interrupted while waiting for the lock");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(host.readLock("demo").orElseThrow().holder().applyId()).isEqualTo(held.applyId());
    }
    assertThatThrownBy(
            () ->
                DeploymentLock.acquire(
                    host, "demo", LockRequest.immediate().stoppedBy(stop), clock, warnings))
        .hasMessageContaining("interrupted while waiting for the lock");
    assertThat(host.readLock("demo")).isEmpty();
  }

  @Test
  void aWaitingApplyGetsTheLockWhenItIsReleased() throws Exception {
    DeploymentLock first =
        DeploymentLock.acquire(host, "demo", LockRequest.immediate(), clock, warnings);
    Thread release =
        new Thread(
            () -> {
              try {
                Thread.sleep(700);
              } catch (InterruptedException e) {
                return;
              }
              first.close();
            });
    release.start();
    long start = System.nanoTime();
    try (DeploymentLock second =
        DeploymentLock.acquire(
            host, "demo", new LockRequest("p", Duration.ofSeconds(10)), clock, warnings)) {
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));
      assertThat(host.readLock("demo").orElseThrow().holder().applyId())
          .isEqualTo(second.applyId());
    }
    release.join();
  }

  @Test
  void anExpiredLockIsTakenOverWithAWarningSayingWhereItStopped() {
    Instant long_ago = Instant.now().minus(Duration.ofHours(1));
    LockHolder gone =
        new LockHolder("old-apply", "bob", "elsewhere", 77, "provision apply SPEC", long_ago);
    String id = host.createLock("demo", gone, long_ago.plusSeconds(60)).orElseThrow();
    host.renewLock("demo", id, long_ago.plusSeconds(60), "container.backend/replace");

    try (DeploymentLock lock =
        DeploymentLock.acquire(host, "demo", LockRequest.immediate(), clock, warnings)) {
      assertThat(host.readLock("demo").orElseThrow().holder().applyId()).isEqualTo(lock.applyId());
    }
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).message())
        .startsWith("an apply was interrupted: took over the lock of demo held by bob@elsewhere")
        .contains("at step container.backend/replace")
        .contains("it expired at");
  }

  @Test
  void aLockOfADeadProcessOnThisMachineIsTakenOverAtOnce() throws Exception {
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    LockHolder holder =
        new LockHolder(
            "dead",
            "me",
            LockHolders.hostName(),
            dead.pid(),
            "provision apply SPEC",
            Instant.now());
    host.createLock("demo", holder, Instant.now().plusSeconds(3600));

    try (DeploymentLock lock =
        DeploymentLock.acquire(host, "demo", LockRequest.immediate(), clock, warnings)) {
      assertThat(lock.applyId()).isNotEqualTo("dead");
    }
    assertThat(warnings.get(0).message())
        .contains("its process " + dead.pid() + " on this machine is gone");
  }

  @Test
  void theHeartbeatRecordsTheStepAndTheLockSaysWhenAnApplyWasInterrupted() throws Exception {
    DeploymentLock lock =
        DeploymentLock.acquire(host, "demo", LockRequest.immediate(), clock, warnings);
    lock.step("volume.data/create");
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (host.readLock("demo").orElseThrow().step().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    LockRecord record = host.readLock("demo").orElseThrow();
    assertThat(record.step()).contains("volume.data/create");
    assertThat(LockNotes.note(record, Instant.now()).message())
        .startsWith("an apply is running now");
    assertThat(LockNotes.note(record, record.expires().plusSeconds(1)).message())
        .startsWith("an apply was interrupted at ")
        .contains("(volume.data/create)");
    lock.close();
    lock.close();
    assertThat(LockNotes.of(host, "demo", Instant.now())).isEqualTo(Optional.empty());
  }

  @Test
  void aLockBrokenWhileHeldStopsTheApplyAndSaysByWhom() throws Exception {
    java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    try (DeploymentLock held =
        DeploymentLock.acquire(host, "demo", LockRequest.immediate(), clock, warnings)) {
      held.onLost(stopped::countDown);
      String id = host.readLock("demo").orElseThrow().id();
      host.removeLock("demo", id); // provision unlock, from elsewhere

      held.step("container.backend/replace-container"); // the heartbeat writes at once

      assertThat(stopped.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(held.lost()).isTrue();
      assertThat(held.lostReason())
          .hasValue(
              "the deployment's lock was broken by `provision unlock` (or by hand) while this"
                  + " apply held it");
    }
  }

  @Test
  void aStaleLockAnotherApplyTookOverFirstIsNotThisOnesToRecover() throws Exception {
    FakeLocks locks = new FakeLocks();
    FakeHostDriver racing = new FakeHostDriver().withLocks(locks);
    LockHolder gone =
        new LockHolder("dead-apply1", "bob", "elsewhere", 1, "provision restore", Instant.EPOCH);
    racing.createLock("demo", gone, Instant.now().minusSeconds(5));
    LockHolder other =
        new LockHolder("other-apply", "carol", "elsewhere", 2, "provision apply", Instant.now());
    locks.takenOverFirstBy("demo", other, Instant.now().plusSeconds(60));
    Thread otherFinishes =
        new Thread(
            () -> {
              try {
                Thread.sleep(700);
              } catch (InterruptedException e) {
                return;
              }
              racing.readLock("demo").ifPresent(l -> racing.removeLock("demo", l.id()));
            });
    otherFinishes.start();
    try (DeploymentLock lock =
        DeploymentLock.acquire(
            racing, "demo", new LockRequest("p", Duration.ofSeconds(30)), clock, warnings)) {
      // the other apply recovered what dead-apply1 left; this one starts from what it finished
      assertThat(lock.takenOver()).isEmpty();
    }
    assertThat(warnings).isEmpty();
    otherFinishes.join();
  }

  @Test
  void aTakenOverLockIsKeptForRecovery() {
    LockHolder gone =
        new LockHolder("dead-apply1", "bob", "elsewhere", 1, "provision apply", Instant.EPOCH);
    host.createLock("demo", gone, Instant.now().minusSeconds(5));
    try (DeploymentLock held =
        DeploymentLock.acquire(host, "demo", LockRequest.immediate(), clock, warnings)) {
      assertThat(held.takenOver().map(l -> l.holder().applyId())).hasValue("dead-apply1");
      assertThat(LockNotes.stale(held.takenOver().orElseThrow()).orElseThrow().applyId().value())
          .isEqualTo("dead-apply1");
    }
  }
}
