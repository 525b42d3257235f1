package dev.provision.engine;

import dev.provision.backup.BackupArchive;
import dev.provision.backup.BackupFolder;
import dev.provision.desired.Names;
import dev.provision.driver.ContainerState;
import dev.provision.exec.StepContext;
import dev.provision.exec.steps.DataGuard;
import dev.provision.model.ContainerResource;
import dev.provision.model.Database;
import dev.provision.model.DesiredState;
import dev.provision.model.Spec;
import dev.provision.plan.StepAction;
import dev.provision.postgres.PostgresUrls;
import dev.provision.secrets.SecretsFile;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The {@link DataGuard} an apply gives a replace that cannot otherwise be undone ({@link
 * GuardedReplace}): a backup into the deployment's backup folder, put back before the old container
 * serves again. The archives are kept like any other backup.
 *
 * <ul>
 *   <li>A backend upgrade or storage switch: taken from the stopped old backend (after a storage
 *       switch from SQLite, the backup describes the SQLite state it leaves), restored with the old
 *       image as the helper before the old backend starts again. On an external Postgres the
 *       database is dumped from a tools container, after a check that the role may drop and create
 *       it (what the restore does).
 *   <li>A Postgres major upgrade: the backend is stopped first, then the database is dumped from
 *       the old Postgres while it still runs and the backend's volume copied; to undo, the old
 *       Postgres is started on its own data directory and gets the dump back. The backend starts
 *       again once the replace is done or undone.
 * </ul>
 */
final class BackupGuard implements DataGuard {
  private final GuardedReplace kind;
  private final Database database;
  private final Spec spec;
  private final DesiredState desired;
  private final SecretsFile secrets;
  private final BackupFolder folder;

  /** The guard of {@code replace}, which {@link GuardedReplace#of} must name. */
  BackupGuard(
      StepAction.ReplaceContainer replace,
      Spec spec,
      DesiredState desired,
      SecretsFile secrets,
      BackupFolder folder) {
    this.kind = GuardedReplace.of(replace).orElseThrow();
    // a backend that ran on SQLite keeps its data in the volume, whatever the spec switches to
    boolean oldOnSqlite =
        kind != GuardedReplace.POSTGRES_MAJOR
            && !replace.before().env().containsKey(PostgresUrls.POSTGRES_URL);
    this.database = oldOnSqlite ? new Database.Sqlite() : spec.database();
    this.spec = spec;
    this.desired = desired;
    this.secrets = secrets;
    this.folder = folder;
  }

  @Override
  public boolean beforeStop() {
    return kind == GuardedReplace.POSTGRES_MAJOR;
  }

  @Override
  public Path backup(StepContext context, String oldContainer) {
    String from = oldContainer;
    if (beforeStop()) {
      ContainerResource backend = BackupTaker.backend(desired);
      if (context
          .host()
          .inspectContainer(backend.name())
          .map(ContainerState::running)
          .orElse(false)) {
        context.host().stopContainer(backend.name(), backend.stopTimeoutSeconds());
      }
      from = backend.name();
    }
    if (database instanceof Database.ExternalPostgres pg) {
      // the undo drops and creates the database: refuse the replace now, not half-way through it
      new ExternalPostgresBackup(context.host(), spec, pg).checkRestore();
    }
    Path archive =
        new BackupTaker(context.host(), spec, desired, secrets, Clock.systemUTC())
            .describing(database)
            .takeStopped(spec.source(), folder, from)
            .archive();
    // the same retention as `provision backup`: the newest backups.keep (this one is the newest)
    folder.prune(spec.backups().keep());
    return archive;
  }

  @Override
  public void restore(StepContext context, Path archive) {
    if (beforeStop()) {
      // pg_restore needs the old server up, on its own data directory
      ContainerResource pg = (ContainerResource) desired.resources().get(Names.POSTGRES_CONTAINER);
      context.host().startContainer(pg.name());
      context.readiness().await(context.host(), pg.name(), pg);
    }
    String image = BackupArchive.manifest(archive).backendImage();
    BackupRestorer.putDataBack(context.host(), spec, desired, database, archive, image);
  }

  @Override
  public void resume(StepContext context) {
    if (!beforeStop()) {
      return;
    }
    ContainerResource backend = BackupTaker.backend(desired);
    boolean stopped =
        context.host().inspectContainer(backend.name()).map(c -> !c.running()).orElse(false);
    if (stopped) {
      context.host().startContainer(backend.name());
      context.readiness().await(context.host(), backend.name(), backend);
    }
  }

  @Override
  public Path folder() {
    return folder.dir();
  }
}
