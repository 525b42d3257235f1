package dev.provision.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.FakeHostDriver;
import dev.provision.driver.LockHolder;
import dev.provision.driver.LockRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A restore killed while it replaced the data leaves its lock on the target with its phase: every
 * command but a restore (or an operator who accepts the data) refuses and leaves that lock as it
 * is, plan and status say what happened and what to do.
 */
class InterruptedRestoreLockTest {
  private static final Instant STARTED = Instant.parse("2026-11-29T10:00:00Z");
  private static final DataPhase.ReplacingData PHASE =
      new DataPhase.ReplacingData(
          "/b/demo-20261128T100000000Z.tar", "/b/demo-20261129T100000000Z.tar");
  private static final String MESSAGE =
      "a restore was interrupted while it replaced the data of demo: the volume/database may be"
          + " half-written (restore of /b/demo-20261128T100000000Z.tar, last seen"
          + " 2026-11-29T10:00:05Z, by bob@elsewhere (pid 77, provision restore SPEC))";
  private static final String HINT =
      "finish it: provision restore SPEC /b/demo-20261128T100000000Z.tar; or go back to the data"
          + " from before it: provision restore SPEC /b/demo-20261129T100000000Z.tar; until a"
          + " restore completes, apply refuses to start the backend (--accept-interrupted-restore"
          + " starts it on the data as it is)";

  private final FakeHostDriver host = new FakeHostDriver();
  private final List<Diagnostic> warnings = new ArrayList<>();
  private final Clock clock = Clock.systemUTC();

  private LockRecord killedRestore() {
    LockHolder gone =
        new LockHolder("dead-restore", "bob", "elsewhere", 77, "provision restore SPEC", STARTED);
    Instant expires = STARTED.plusSeconds(5).plus(DeploymentLock.TTL);
    String id = host.createLock("demo", gone, expires).orElseThrow();
    host.renewLock("demo", id, expires, PHASE.step());
    return host.readLock("demo").orElseThrow();
  }

  @Test
  void theStepNamesThePhaseAndOnlyItsIdDecides() {
    assertThat(PHASE.step())
        .isEqualTo(
            "restore/replacing-data | /b/demo-20261128T100000000Z.tar |"
                + " /b/demo-20261129T100000000Z.tar");
    assertThat(DataPhase.parse(Optional.of(PHASE.step()))).hasValue(PHASE);
    assertThat(DataPhase.parse(Optional.of("backup/backend-stopped")))
        .hasValue(new DataPhase.BackendStopped());
    assertThat(DataPhase.parse(Optional.of("container.backend/replace-container"))).isEmpty();
    assertThat(DataPhase.parse(Optional.of("restore/replacing-data"))).isEmpty();
    assertThat(DataPhase.parse(Optional.empty())).isEmpty();
    assertThat(DataPhase.restoreOf(Optional.of("backup/backend-stopped"))).isEmpty();
  }

  @Test
  void applyRefusesAndLeavesTheLockAsItWas() {
    LockRecord before = killedRestore();
    assertThatThrownBy(
            () -> DeploymentLock.acquire(host, "demo", LockRequest.immediate(), clock, warnings))
        .isInstanceOfSatisfying(
            ProvisionException.class,
            e -> {
              Diagnostic d = e.diagnostics().get(0);
              assertThat(d.message()).isEqualTo(MESSAGE);
              assertThat(d.hint()).isEqualTo(HINT);
            });
    assertThat(host.readLock("demo")).hasValue(before);
    assertThat(warnings).isEmpty();
  }

  @Test
  void aRestoreOrAnAcceptingApplyTakesItOverWithAWarning() {
    killedRestore();
    try (DeploymentLock lock =
        DeploymentLock.acquire(
            host,
            "demo",
            LockRequest.immediate().takingOverInterruptedRestore(),
            clock,
            warnings)) {
      assertThat(lock.takenOver().map(l -> l.holder().applyId())).hasValue("dead-restore");
      // no "apply was interrupted" section: its containers were not half-swapped
      assertThat(LockNotes.stale(lock.takenOver().orElseThrow())).isEmpty();
    }
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).message()).isEqualTo(MESSAGE + "; took its lock over");
    assertThat(host.readLock("demo")).isEmpty();
  }

  @Test
  void planAndStatusSayWhatHappenedAndWhatToDo() {
    LockRecord lock = killedRestore();
    Instant now = Instant.now();
    Diagnostic note = LockNotes.note("demo", lock, now);
    assertThat(note.message()).isEqualTo(MESSAGE);
    assertThat(note.hint()).isEqualTo(HINT);
    LockNote typed = LockNotes.typed("demo", lock, now);
    assertThat(typed.kind()).isEqualTo(LockNote.Kind.INTERRUPTED_RESTORE);
    assertThat(typed.message()).isEqualTo(MESSAGE + "; " + HINT);
    assertThat(LockNotes.state(Optional.of(lock), now).stale()).isEmpty();
  }

  @Test
  void aRestoreRunningNowIsWaitedForNotRefused() {
    try (DeploymentLock restoring =
        DeploymentLock.acquire(host, "demo", LockRequest.immediate(), clock, warnings)) {
      restoring.record(PHASE.step());
      LockRecord live = host.readLock("demo").orElseThrow();
      assertThat(live.step()).hasValue(PHASE.step()); // written before record returned
      assertThat(LockNotes.typed("demo", live, Instant.now()).kind())
          .isEqualTo(LockNote.Kind.RUNNING);
      assertThatThrownBy(
              () ->
                  DeploymentLock.acquire(
                      host, "demo", LockRequest.immediate(), clock, new ArrayList<>()))
          .hasMessageContaining("deployment demo is locked by");
    }
  }

  @Test
  void aLockKeptOnTheTargetOutlivesTheCommand() {
    DeploymentLock lock =
        DeploymentLock.acquire(host, "demo", LockRequest.immediate(), clock, warnings);
    lock.record(PHASE.step());
    lock.keepOnTarget();
    lock.close();
    assertThat(host.readLock("demo").flatMap(LockRecord::step)).hasValue(PHASE.step());
  }

  @Test
  void recordingOnALostLockFails() {
    DeploymentLock lock =
        DeploymentLock.acquire(host, "demo", LockRequest.immediate(), clock, warnings);
    host.removeLock("demo", host.readLock("demo").orElseThrow().id());
    assertThatThrownBy(() -> lock.record(PHASE.step()))
        .hasMessageContaining("the lock of demo was lost before restore/replacing-data");
    lock.close();
  }
}
