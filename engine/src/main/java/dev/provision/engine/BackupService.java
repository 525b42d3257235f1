package dev.provision.engine;

import dev.provision.backup.BackupFolder;
import dev.provision.backup.BackupManifest;
import dev.provision.lock.DataPhase;
import dev.provision.model.Spec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;

/** The bodies of {@link Engine}'s backup, backups and restore, on an open, locked session. */
final class BackupService {
  private BackupService() {}

  static BackupResult backup(
      LiveSession session, Path specFile, Optional<Path> out, OptionalInt keep, DataWindow window) {
    Spec spec = session.reading().spec();
    BackupFolder folder = folder(spec, out);
    BackupResult taken =
        new BackupTaker(
                session.host(), spec, session.desired(), session.secretsFile(), Clock.systemUTC())
            .within(window)
            .take(specFile, folder);
    int kept = keep.orElse(spec.backups().keep());
    return taken.withPruned(folder.prune(Math.max(1, kept)));
  }

  static RestoreResult restore(
      LiveSession session,
      Path archive,
      boolean force,
      boolean allowSecretRotation,
      DataWindow window) {
    BackupManifest manifest =
        BackupRestorer.restore(
            session,
            archive,
            folder(session.reading().spec(), Optional.empty()),
            force,
            allowSecretRotation,
            window);
    return new RestoreResult(
        manifest,
        Verifier.verify(session),
        window
            .tookOver()
            .filter(DataPhase.ReplacingData.class::isInstance)
            .map(DataPhase.ReplacingData.class::cast));
  }

  /** {@code out}, else the spec's {@code backups.dir}, for the spec's deployment. */
  static BackupFolder folder(Spec spec, Optional<Path> out) {
    return new BackupFolder(out.orElseGet(spec::backupDir), spec.deployment());
  }
}
