package dev.provision.cli.view;

import dev.provision.plan.PlannedBackup;

/** What every plan view says about apply's backup: where it goes, or that none is taken. */
final class BackupText {
  private BackupText() {}

  /** The banner for {@code --no-backup}. */
  static final String SKIPPED =
      "NO backup: --no-backup is set, so apply takes none before the backend upgrade; if the"
          + " upgrade fails after migrating, the old image cannot be started on the data again.";

  /** The sentence for a backup apply takes. */
  static String into(PlannedBackup.Into into) {
    return "Backup: before the backend upgrade, apply backs the data up into "
        + into.dir()
        + " (while the old container is stopped); a failure after it restores that backup.";
  }
}
