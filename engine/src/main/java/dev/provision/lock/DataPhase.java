package dev.provision.lock;

import java.util.Optional;

/**
 * Where a {@code backup} or {@code restore} stood when it last wrote the deployment's lock (its
 * step field), for whoever finds the lock stale after a {@code kill -9} or a power loss. Only the
 * step id decides (see {@link #parse}); the archive paths a restore records are data for the
 * message, never matched. Steps of an apply are plain step ids and parse to empty.
 */
public sealed interface DataPhase {
  /** The step id of {@link BackendStopped}. */
  String BACKUP_STOPPED = "backup/backend-stopped";

  /** The step id of {@link ReplacingData}. */
  String RESTORE_REPLACING = "restore/replacing-data";

  /** Separates a restore's step id from the two archives it names. */
  String SEPARATOR = " | ";

  /** The step string written to the lock. */
  String step();

  /** A backup stopped the running backend to copy its data; it starts it again when done. */
  record BackendStopped() implements DataPhase {
    @Override
    public String step() {
      return BACKUP_STOPPED;
    }
  }

  /**
   * A restore is replacing the data (volume and managed database): from here until it completes the
   * data may be half-written.
   *
   * @param archive the backup being restored
   * @param before the backup of the data as it was just before, taken by this restore
   */
  record ReplacingData(String archive, String before) implements DataPhase {
    @Override
    public String step() {
      return RESTORE_REPLACING + SEPARATOR + archive + SEPARATOR + before;
    }
  }

  /** The phase a lock's step names, empty for an apply's step or none. */
  static Optional<DataPhase> parse(Optional<String> step) {
    if (step.isEmpty()) {
      return Optional.empty();
    }
    String s = step.get();
    if (s.equals(BACKUP_STOPPED)) {
      return Optional.of(new BackendStopped());
    }
    if (s.startsWith(RESTORE_REPLACING + SEPARATOR)) {
      String[] parts = s.substring((RESTORE_REPLACING + SEPARATOR).length()).split(" \\| ", 2);
      return Optional.of(new ReplacingData(parts[0], parts.length > 1 ? parts[1] : ""));
    }
    return Optional.empty();
  }

  /** The interrupted restore a lock records, empty when it records anything else. */
  static Optional<ReplacingData> restoreOf(Optional<String> step) {
    return parse(step).filter(ReplacingData.class::isInstance).map(ReplacingData.class::cast);
  }
}
