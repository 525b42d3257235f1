package dev.provision.engine;

import dev.provision.backup.BackupArchive;
import dev.provision.backup.BackupFolder;
import dev.provision.backup.BackupManifest;
import dev.provision.convex.BackendContainer;
import dev.provision.desired.Names;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.ExecResult;
import dev.provision.driver.HostDriver;
import dev.provision.driver.postgres.ManagedPostgresCommands;
import dev.provision.exec.ready.ReadinessWaiter;
import dev.provision.lock.DataPhase;
import dev.provision.model.ContainerResource;
import dev.provision.model.Database;
import dev.provision.model.DesiredState;
import dev.provision.model.Spec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Puts a backup back: refuses one of another deployment, another database kind, or (without {@code
 * force}) another backend image, and secrets that differ from the secrets file without {@code
 * allowSecretRotation} (a secret the file lacks is put back without it: that rotates nothing), all
 * before anything changes. Then it checks every entry's checksum, stops the backend, backs up the
 * current data (put back if the restore fails half-way), empties the data volume and extracts the
 * saved one into it, replaces a Postgres database with the dump (an external one from a tools
 * container, after a check of the role's rights before anything stops), writes the secrets, starts
 * the backend and waits until it is ready.
 */
final class BackupRestorer {
  private static final String HELPER_ROLE = "restore";

  /** The lock's step once the data is all back (a plain step: only the start is left). */
  static final String STARTING_BACKEND = "restore/starting-backend";

  private BackupRestorer() {}

  static BackupManifest restore(
      LiveSession session,
      Path archive,
      BackupFolder folder,
      boolean force,
      boolean allowSecretRotation,
      DataWindow window) {
    Spec spec = session.reading().spec();
    HostDriver host = session.host();
    BackupManifest manifest = BackupArchive.manifest(archive);
    refuseForeign(spec, manifest, force);
    BackupArchive.requireParts(archive, manifest, requiredParts(spec.database()));
    ContainerResource backend = BackupTaker.backend(session.desired());
    Path work = privateTemp();
    try {
      Map<String, Path> parts = BackupArchive.extract(archive, manifest, work);
      checkInnerTars(archive, spec.database(), parts);
      Map<String, String> saved = BackupJson.secrets(parts.get(BackupTaker.SECRETS_PART));
      Map<String, String> current = session.secretsFile().read();
      // a secret the file lacks (lost, or removed by a rolled back apply) is put back: that
      // rotates nothing; one the file holds with another value would be rotated
      TreeSet<String> differing = new TreeSet<>();
      TreeSet<String> missing = new TreeSet<>();
      saved.forEach(
          (k, v) -> {
            if (!current.containsKey(k)) {
              missing.add(k);
            } else if (!v.equals(current.get(k))) {
              differing.add(k);
            }
          });
      if (!differing.isEmpty() && !allowSecretRotation) {
        throw ProvisionException.of(
            "the backup's secrets differ from the secrets file "
                + session.secretsFile().path()
                + " ("
                + String.join(", ", differing)
                + "); restoring them rotates them",
            "run restore again with --allow-secret-rotation to put the backup's secrets back");
      }
      if (spec.database() instanceof Database.ExternalPostgres pg) {
        // the role's rights and the tools' version, while the backend still runs
        new ExternalPostgresBackup(host, spec, pg).checkRestore();
      }
      host.stopContainer(backend.name(), backend.stopTimeoutSeconds());
      Path before =
          window.beforeBackup(
              () ->
                  new BackupTaker(
                          host, spec, session.desired(), session.secretsFile(), Clock.systemUTC())
                      .takeStopped(spec.source(), folder, backend.name())
                      .archive());
      // before the data is touched: a kill from here on leaves a lock that says so
      window.enter(
          new DataPhase.ReplacingData(
              archive.toAbsolutePath().toString(), before.toAbsolutePath().toString()));
      window.pause("restore@after-before-backup");
      try {
        putPartsBack(
            host, spec, session.desired(), spec.database(), parts, backend.image(), window);
      } catch (IOException | RuntimeException e) {
        throw undo(host, spec, session.desired(), backend, archive, before, e, window);
      }
      for (String key : differing) {
        session.secretsFile().put(key, saved.get(key));
      }
      for (String key : missing) {
        session.secretsFile().put(key, saved.get(key));
      }
      window.enter(STARTING_BACKEND);
      host.startContainer(backend.name());
      ReadinessWaiter.system().await(host, backend.name(), backend);
      return manifest;
    } catch (IOException e) {
      throw ProvisionException.of(
          "restoring " + archive + " failed: " + e.getMessage(), "check the archive and try again");
    } finally {
      BackupJson.deleteTree(work);
    }
  }

  /**
   * Puts the data of a checked archive back (volume and managed database, not the secrets) while
   * the backend is stopped; {@code helperImage} (with a shell) empties the volume first.
   */
  static void putDataBack(
      HostDriver host,
      Spec spec,
      DesiredState desired,
      Database database,
      Path archive,
      String helperImage) {
    BackupManifest manifest = BackupArchive.manifest(archive);
    BackupArchive.requireParts(archive, manifest, requiredParts(database));
    Path work = privateTemp();
    try {
      Map<String, Path> parts = BackupArchive.extract(archive, manifest, work);
      checkInnerTars(archive, database, parts);
      putPartsBack(host, spec, desired, database, parts, helperImage, DataWindow.none());
    } catch (IOException e) {
      throw ProvisionException.of(
          "restoring " + archive + " failed: " + e.getMessage(),
          "restore it by hand: provision restore SPEC " + archive);
    } finally {
      BackupJson.deleteTree(work);
    }
  }

  private static void putPartsBack(
      HostDriver host,
      Spec spec,
      DesiredState desired,
      Database database,
      Map<String, Path> parts,
      String image,
      DataWindow window)
      throws IOException {
    restoreVolume(host, spec, image, parts.get(BackupTaker.VOLUME_PART), window);
    if (database instanceof Database.ManagedPostgres pg) {
      restoreDump(host, spec, desired, pg, parts.get(BackupTaker.DUMP_PART), window);
    } else if (database instanceof Database.ExternalPostgres pg) {
      new ExternalPostgresBackup(host, spec, pg).restore(parts.get(BackupTaker.DUMP_PART));
    }
  }

  /**
   * After a failure half-way (the volume emptied, the database dropped): puts back the data taken
   * just before, starts the backend again, and answers the error to throw.
   */
  private static ProvisionException undo(
      HostDriver host,
      Spec spec,
      DesiredState desired,
      ContainerResource backend,
      Path archive,
      Path before,
      Exception cause,
      DataWindow window) {
    String why =
        cause instanceof ProvisionException pe && !pe.diagnostics().isEmpty()
            ? pe.diagnostics().get(0).message()
            : cause.getMessage();
    try {
      putDataBack(host, spec, desired, spec.database(), before, backend.image());
      host.startContainer(backend.name());
      ReadinessWaiter.system().await(host, backend.name(), backend);
    } catch (RuntimeException second) {
      window.keepLock(); // the data may be half-written: the next command must be told
      return ProvisionException.of(
          "restoring "
              + archive
              + " failed ("
              + why
              + "), and so did putting back the data from"
              + " before it, kept in "
              + before,
          "the backend stays stopped; run provision restore SPEC " + before);
    }
    return ProvisionException.of(
        "restoring "
            + archive
            + " failed ("
            + why
            + "); the data from before it is back (kept in "
            + before
            + ") and the backend runs again",
        "check the archive (provision backups SPEC lists the others)");
  }

  /** Refuses a volume or dump part that Docker could not extract where the restore puts it. */
  private static void checkInnerTars(Path archive, Database database, Map<String, Path> parts) {
    BackupArchive.checkInnerTar(
        archive,
        BackupTaker.VOLUME_PART,
        parts.get(BackupTaker.VOLUME_PART),
        Path.of(BackendContainer.DATA_PATH).getFileName().toString());
    if (!(database instanceof Database.Sqlite)) {
      BackupArchive.checkInnerTar(
          archive,
          BackupTaker.DUMP_PART,
          parts.get(BackupTaker.DUMP_PART),
          Path.of(BackupTaker.DUMP_FILE).getFileName().toString());
    }
  }

  /** The parts a restore of this spec's database kind reads. */
  static List<String> requiredParts(Database database) {
    return !(database instanceof Database.Sqlite)
        ? List.of(BackupTaker.VOLUME_PART, BackupTaker.DUMP_PART, BackupTaker.SECRETS_PART)
        : List.of(BackupTaker.VOLUME_PART, BackupTaker.SECRETS_PART);
  }

  private static void refuseForeign(Spec spec, BackupManifest manifest, boolean force) {
    if (!manifest.deployment().equals(spec.deployment())) {
      throw ProvisionException.of(
          "the backup belongs to deployment "
              + manifest.deployment()
              + ", not "
              + spec.deployment(),
          "restore a backup of " + spec.deployment() + " (provision backups SPEC lists them)");
    }
    if (!manifest.database().equals(BackupTaker.databaseKind(spec))) {
      throw ProvisionException.of(
          "the backup holds a "
              + manifest.database()
              + " database but the spec uses "
              + BackupTaker.databaseKind(spec),
          "restore it with the spec it was taken with");
    }
    if (!force && !manifest.backendImage().equals(spec.backend().image())) {
      throw ProvisionException.of(
          "the backup was taken with backend image "
              + manifest.backendImage()
              + " but the spec runs "
              + spec.backend().image()
              + "; an image may not read data written by another",
          "set backend.image to " + manifest.backendImage() + ", or pass --force");
    }
  }

  /** The helper container a restore empties and fills the data volume with. */
  static String helperName(String deployment) {
    return Names.container(deployment, HELPER_ROLE);
  }

  private static void restoreVolume(
      HostDriver host, Spec spec, String image, Path volumeTar, DataWindow window)
      throws IOException {
    String helper = helperName(spec.deployment());
    host.removeContainer(helper);
    try {
      int code =
          host.runHelper(
              helper,
              image,
              List.of("sh", "-c", "find " + BackendContainer.DATA_PATH + " -mindepth 1 -delete"),
              Map.of(spec.backend().volume(), BackendContainer.DATA_PATH));
      if (code != 0) {
        throw ProvisionException.of(
            "emptying volume "
                + spec.backend().volume()
                + " before the restore failed (exit "
                + code
                + ")",
            "docker logs " + helper);
      }
      window.pause("restore@volume-emptied");
      try (InputStream in = Files.newInputStream(volumeTar)) {
        host.copyIn(helper, "/convex", in);
      }
      window.pause("restore@after-extract");
    } finally {
      host.removeContainer(helper);
    }
  }

  private static void restoreDump(
      HostDriver host,
      Spec spec,
      DesiredState desired,
      Database.ManagedPostgres pg,
      Path dumpTar,
      DataWindow window)
      throws IOException {
    String container =
        ((ContainerResource) desired.resources().get(Names.POSTGRES_CONTAINER)).name();
    String db = Names.database(spec.deployment());
    try (InputStream in = Files.newInputStream(dumpTar)) {
      host.copyIn(container, "/tmp", in);
    }
    try {
      // IF EXISTS: a restore interrupted after its drop left no database to drop
      run(host, container, ManagedPostgresCommands.dropDatabaseIfExists(pg.user(), db));
      window.pause("restore@database-dropped");
      run(host, container, ManagedPostgresCommands.createDatabase(pg.user(), db));
      run(
          host,
          container,
          List.of("pg_restore", "-U", pg.user(), "-d", db, "--no-owner", BackupTaker.DUMP_FILE));
    } finally {
      host.exec(container, List.of("rm", "-f", BackupTaker.DUMP_FILE));
    }
  }

  private static void run(HostDriver host, String container, List<String> command) {
    ExecResult r = host.exec(container, command);
    if (!r.ok()) {
      throw ProvisionException.of(
          command.get(0) + " in container " + container + " failed: " + r.stderr(),
          "the backend stays stopped; fix the database, then run restore again");
    }
  }

  private static Path privateTemp() {
    try {
      return Files.createTempDirectory(
          "provision-restore",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot create a temporary folder: " + e.getMessage(), "check the temp folder");
    }
  }
}
