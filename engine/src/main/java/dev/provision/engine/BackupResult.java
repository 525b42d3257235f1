package dev.provision.engine;

import dev.provision.backup.BackupManifest;
import java.nio.file.Path;
import java.util.List;

/**
 * A backup just taken: where the archive is, its manifest (which says how long the backend was
 * stopped), whether the backend was running before, and the old archives retention removed.
 */
public record BackupResult(
    Path archive, BackupManifest manifest, boolean backendWasRunning, List<Path> pruned) {
  public BackupResult {
    pruned = List.copyOf(pruned);
  }

  /** The same result with the archives retention removed. */
  BackupResult withPruned(List<Path> removed) {
    return new BackupResult(archive, manifest, backendWasRunning, removed);
  }
}
