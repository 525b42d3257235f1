package dev.provision.engine;

import dev.provision.backup.BackupFolder;
import dev.provision.exec.StepContext;
import dev.provision.exec.steps.DataGuard;
import dev.provision.model.DesiredState;
import dev.provision.model.Spec;
import dev.provision.secrets.SecretsFile;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The {@link DataGuard} an apply gives the backend's forward-only replacement (an image upgrade
 * that migrates the data): a backup into the deployment's backup folder taken from the stopped old
 * container, and that backup put back (with the old image as the helper) before the old container
 * starts again. The archives are kept like any other backup.
 */
final class BackupGuard implements DataGuard {
  private final Spec spec;
  private final DesiredState desired;
  private final SecretsFile secrets;
  private final BackupFolder folder;

  BackupGuard(Spec spec, DesiredState desired, SecretsFile secrets, BackupFolder folder) {
    this.spec = spec;
    this.desired = desired;
    this.secrets = secrets;
    this.folder = folder;
  }

  @Override
  public Path backup(StepContext context, String stoppedWriter) {
    Path archive =
        new BackupTaker(context.host(), spec, desired, secrets, Clock.systemUTC())
            .takeStopped(spec.source(), folder, stoppedWriter)
            .archive();
    // the same retention as `provision backup`: the newest backups.keep (this one is the newest)
    folder.prune(spec.backups().keep());
    return archive;
  }

  @Override
  public void restore(StepContext context, Path archive) {
    String image = dev.provision.backup.BackupArchive.manifest(archive).backendImage();
    BackupRestorer.putDataBack(context.host(), spec, desired, archive, image);
  }

  @Override
  public Path folder() {
    return folder.dir();
  }
}
