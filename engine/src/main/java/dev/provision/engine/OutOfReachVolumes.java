package dev.provision.engine;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Severity;
import dev.provision.driver.HostDriver;
import dev.provision.live.ObservedState;
import dev.provision.model.VolumeResource;
import java.util.List;

/**
 * Volumes a destroy cannot delete from where provision reaches the target ({@link
 * HostDriver#volumeOutOfReach}: a Swarm volume on a worker). {@code destroy --delete-data} gets an
 * error in its plan, so it refuses before anything is removed ({@link
 * dev.provision.plan.Plan#blocker()}) instead of failing half-way; a plain destroy, which keeps the
 * volume, gets the same fact as a warning: where the data stays and how to delete it there. A plain
 * destroy also turns what would block an apply (a Swarm data node that is down) into a warning: it
 * starts nothing, so it goes ahead.
 */
final class OutOfReachVolumes {
  private OutOfReachVolumes() {}

  static void note(
      HostDriver host, ObservedState observed, boolean deleteData, List<Diagnostic> warnings) {
    if (!deleteData) {
      warnings.replaceAll(d -> d.isError() ? goingAhead(d) : d);
    }
    observed
        .resources()
        .values()
        .forEach(
            r -> {
              if (r.resource() instanceof VolumeResource v) {
                host.volumeOutOfReach(v.name())
                    .map(d -> deleteData ? refusal(d) : d)
                    .ifPresent(warnings::add);
              }
            });
  }

  /**
   * What blocks an apply (the Swarm data node down) as a warning for a plain destroy, which goes
   * ahead: it starts nothing and keeps the data where it is.
   */
  private static Diagnostic goingAhead(Diagnostic d) {
    return new Diagnostic(
        Severity.WARNING,
        d.position(),
        d.path(),
        d.message(),
        d.expected(),
        d.found(),
        "destroy goes ahead without it: it removes the services, the network and the lock, and"
            + " keeps the data where it is");
  }

  private static Diagnostic refusal(Diagnostic d) {
    return new Diagnostic(
        Severity.ERROR,
        d.position(),
        d.path(),
        "destroy --delete-data cannot delete the data: " + d.message(),
        d.expected(),
        d.found(),
        d.hint());
  }
}
