package dev.provision.cli.view;

import dev.provision.plan.PlannedBackup;

/** What every plan view says about apply's backup: where it goes, or that none is taken. */
final class BackupText {
  private BackupText() {}

  /** The banner for {@code --no-backup}. */
  static final String SKIPPED =
      "NO backup: --no-backup is set, so apply takes none before the steps below that a backup"
          + " would make undoable (a backend upgrade, a Postgres major upgrade, a storage switch);"
          + " their consequences say what to save first.";

  /** The sentence for a backup apply takes. */
  static String into(PlannedBackup.Into into) {
    return "Backup: before each step whose undo restores it (a backend upgrade, a Postgres major"
        + " upgrade, a storage switch), apply backs the data up into "
        + into.dir()
        + " while the backend is stopped; a failure after it restores that backup.";
  }
}
