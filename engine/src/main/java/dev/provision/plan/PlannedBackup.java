package dev.provision.plan;

import java.util.Objects;

/**
 * What apply does about the data before a forward-only step a backup makes undoable (a backend
 * image upgrade that migrates the data): part of the plan, so that every view says where the backup
 * goes before anyone confirms, and a saved plan keeps the choice.
 */
public sealed interface PlannedBackup {

  /** Apply backs the data up into {@code dir} inside the stop window; undo restores it. */
  record Into(String dir) implements PlannedBackup {
    public Into {
      Objects.requireNonNull(dir, "dir");
    }
  }

  /** {@code --no-backup}: no backup is taken, so the guarded steps have no undo. */
  record Skipped() implements PlannedBackup {}

  /** True for {@code --no-backup}. */
  default boolean skipped() {
    return this instanceof Skipped;
  }
}
