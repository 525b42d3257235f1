package dev.provision.engine;

import dev.provision.backup.BackupManifest;
import dev.provision.lock.DataPhase;
import java.util.Optional;

/**
 * A restore that finished: the backup put back and the post-apply checks run after it.
 *
 * @param replacedInterrupted the restore that was killed while it replaced the data, whose stale
 *     lock this one took over (its half-written data is replaced now); empty when none
 */
public record RestoreResult(
    BackupManifest manifest,
    Verification verification,
    Optional<DataPhase.ReplacingData> replacedInterrupted) {}
