package dev.provision.engine;

import dev.provision.backup.BackupManifest;

/** A restore that finished: the backup put back and the post-apply checks run after it. */
public record RestoreResult(BackupManifest manifest, Verification verification) {}
