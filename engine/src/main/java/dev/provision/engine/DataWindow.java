package dev.provision.engine;

import dev.provision.driver.HostDriver;
import dev.provision.exec.TestHooks;
import dev.provision.lock.DataPhase;
import dev.provision.lock.DeploymentLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code backup} and {@code restore} use while they hold the backend stopped or replace its
 * data: the deployment's lock, to record their phase there before they act (so that a stale lock
 * found after a {@code kill -9} says what was left), and the test-only pause points of {@link
 * TestHooks}. Without a lock (an apply's own backup, whose steps are recorded by the executor) it
 * records nothing.
 */
final class DataWindow {
  private final Optional<DeploymentLock> lock;
  private final TestHooks hooks;

  private DataWindow(Optional<DeploymentLock> lock, TestHooks hooks) {
    this.lock = lock;
    this.hooks = hooks;
  }

  /**
   * After taking over the lock of a restore killed while it replaced the data: removes the helper
   * container it left (stopped, mounting the data volume), so that nothing but the backend keeps
   * the volume in use.
   */
  static void clearInterruptedRestore(HostDriver host, String deployment, DeploymentLock lock) {
    if (lock.takenOver().flatMap(l -> DataPhase.restoreOf(l.step())).isPresent()) {
      host.removeContainer(BackupRestorer.helperName(deployment));
    }
  }

  /** Records nothing and never pauses. */
  static DataWindow none() {
    return new DataWindow(Optional.empty(), TestHooks.none());
  }

  /** The session's lock (when held) and the hooks of {@code environment}. */
  static DataWindow of(LiveSession session, Map<String, String> environment) {
    return new DataWindow(session.lock(), TestHooks.from(environment));
  }

  /** Writes {@code phase} to the lock on the target before returning. */
  void enter(DataPhase phase) {
    lock.ifPresent(l -> l.record(phase.step()));
  }

  /** Writes a plain step (a phase that leaves nothing to warn about) to the lock. */
  void enter(String step) {
    lock.ifPresent(l -> l.record(step));
  }

  /**
   * The backup of the data from before this restore: after an interrupted restore (its lock taken
   * over), the one it took, still on disk (the data now may be half-written, a managed database
   * even dropped: the last whole data is in that backup); else the one {@code take} takes now.
   */
  Path beforeBackup(Supplier<Path> take) {
    return tookOver()
        .filter(DataPhase.ReplacingData.class::isInstance)
        .map(r -> Path.of(((DataPhase.ReplacingData) r).before()))
        .filter(Files::isRegularFile)
        .orElseGet(take);
  }

  /** A test-only pause point ({@code COMMAND@POINT}). */
  void pause(String point) {
    hooks.checkpoint(point);
  }

  /** Leaves the lock, with the phase it records, on the target when the command ends. */
  void keepLock() {
    lock.ifPresent(DeploymentLock::keepOnTarget);
  }

  /** The phase of the stale lock this command took over, empty when none or an apply's. */
  Optional<DataPhase> tookOver() {
    return lock.flatMap(DeploymentLock::takenOver).flatMap(l -> DataPhase.parse(l.step()));
  }
}
