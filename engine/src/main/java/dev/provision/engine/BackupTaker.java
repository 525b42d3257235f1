package dev.provision.engine;

import dev.provision.backup.BackupArchive;
import dev.provision.backup.BackupFolder;
import dev.provision.backup.BackupManifest;
import dev.provision.desired.Names;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.ExecResult;
import dev.provision.driver.HostDriver;
import dev.provision.lock.DataPhase;
import dev.provision.model.ContainerResource;
import dev.provision.model.Database;
import dev.provision.model.DesiredState;
import dev.provision.model.Spec;
import dev.provision.secrets.SecretsFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes one consistent backup of a deployment's state: stops the backend (the only writer), copies
 * its data volume out, dumps a managed Postgres database with the server's own {@code pg_dump} (an
 * external one from a tools container, see {@link ExternalPostgresBackup}), starts the backend
 * again when it was running, and writes one archive with the secrets file's entries and a manifest
 * (see {@link BackupArchive}). The parts pass through a private temporary folder beside the
 * archive. Never prints; the caller reports the result.
 */
final class BackupTaker {
  static final String VOLUME_PART = "volume.tar";
  static final String DUMP_PART = "postgres.dump.tar";
  static final String SECRETS_PART = "secrets.json";
  static final String DUMP_FILE = "/tmp/provision-backup.dump";

  /** The lock's step once the backend runs again (a plain step: nothing to recover). */
  static final String WRITING_ARCHIVE = "backup/writing-archive";

  private final HostDriver host;
  private final Spec spec;
  private final DesiredState desired;
  private final SecretsFile secrets;
  private final Clock clock;
  private final Database database;
  private DataWindow window = DataWindow.none();

  BackupTaker(HostDriver host, Spec spec, DesiredState desired, SecretsFile secrets, Clock clock) {
    this(host, spec, desired, secrets, clock, spec.database());
  }

  /** This taker, recording its stop window in {@code w}'s lock and pausing at its points. */
  BackupTaker within(DataWindow w) {
    this.window = w;
    return this;
  }

  private BackupTaker(
      HostDriver host,
      Spec spec,
      DesiredState desired,
      SecretsFile secrets,
      Clock clock,
      Database database) {
    this.host = host;
    this.spec = spec;
    this.desired = desired;
    this.secrets = secrets;
    this.clock = clock;
    this.database = database;
  }

  /**
   * The same taker for data kept in {@code old} rather than the spec's database: before a storage
   * switch, the backup describes the state the deployment leaves.
   */
  BackupTaker describing(Database old) {
    return new BackupTaker(host, spec, desired, secrets, clock, old).within(window);
  }

  /** Where the backend's data lives, and how it is named in a manifest. */
  static String databaseKind(Spec spec) {
    return databaseKind(spec.database());
  }

  /** How {@code database} is named in a manifest. */
  static String databaseKind(Database database) {
    if (database instanceof Database.ManagedPostgres) {
      return "postgres-managed";
    }
    return database instanceof Database.ExternalPostgres ? "postgres-external" : "sqlite";
  }

  /**
   * Takes the backup into {@code folder}, stopping the backend and starting it again; also when a
   * backup killed in its stop window left it stopped (its stale lock, taken over, says so).
   */
  BackupResult take(Path specFile, BackupFolder folder) {
    ContainerResource backend = backend(desired);
    boolean running =
        host.inspectContainer(backend.name()).map(s -> s.running()).orElseThrow(() -> missing());
    boolean leftStopped =
        window.tookOver().filter(DataPhase.BackendStopped.class::isInstance).isPresent();
    return capture(specFile, folder, backend.name(), true, running || leftStopped);
  }

  /**
   * Takes the backup into {@code folder} from {@code stoppedWriter}, the backend container already
   * stopped by the caller (an apply, inside its own stop window), which it leaves stopped.
   */
  BackupResult takeStopped(Path specFile, BackupFolder folder, String stoppedWriter) {
    return capture(specFile, folder, stoppedWriter, false, false);
  }

  private BackupResult capture(
      Path specFile, BackupFolder folder, String source, boolean stop, boolean running) {
    if (database instanceof Database.ExternalPostgres pg) {
      // before anything stops: a pg_dump older than the server would fail in the stop window
      new ExternalPostgresBackup(host, spec, pg).checkTools();
    }
    ContainerResource backend = backend(desired);
    String writer = host.inspectContainer(source).map(c -> c.image()).orElse(backend.image());
    folder.ensure();
    folder.sweepPartials();
    Instant created = clock.instant();
    Path archive = folder.archiveFor(created);
    Path work = archive.resolveSibling("." + archive.getFileName() + ".parts");
    try {
      dev.provision.secrets.PrivateFiles.ensureFolder(work);
      Map<String, Path> parts = new LinkedHashMap<>();
      long stopStart = System.nanoTime();
      long stoppedNanos;
      boolean interrupted;
      try {
        if (stop) {
          if (running) {
            window.enter(new DataPhase.BackendStopped());
          }
          host.stopContainer(source, backend.stopTimeoutSeconds());
          window.pause("backup@after-stop");
        }
        parts.put(
            VOLUME_PART,
            copyOut(source, dev.provision.convex.BackendContainer.DATA_PATH, work, "v"));
        if (database instanceof Database.ManagedPostgres pg) {
          parts.put(DUMP_PART, dump(pg, work));
        } else if (database instanceof Database.ExternalPostgres pg) {
          parts.put(DUMP_PART, new ExternalPostgresBackup(host, spec, pg).dump(work));
        }
      } catch (IOException | RuntimeException e) {
        if (!Thread.currentThread().isInterrupted()) {
          throw e;
        } // else what the interrupt broke: reported as the interruption below
      } finally {
        // An interrupt (a signal to backup) stops the copy; the backend is started again with the
        // flag clear, since a call made with it set may fail at once.
        interrupted = Thread.interrupted();
        if (stop && running) {
          host.startContainer(source);
        }
        stoppedNanos = System.nanoTime() - stopStart;
        if (stop && running) {
          dev.provision.exec.ready.ReadinessWaiter.system().await(host, backend.name(), backend);
          window.enter(WRITING_ARCHIVE); // the backend runs again: nothing left to start
        }
      }
      if (interrupted) {
        throw interrupted(stop && running);
      }
      Path secretsPart = work.resolve("s");
      Files.createFile(secretsPart, dev.provision.secrets.PrivateFiles.fileMode());
      Files.write(secretsPart, BackupJson.secrets(secrets.read()));
      parts.put(SECRETS_PART, secretsPart);
      List<BackupManifest.Entry> entries = new ArrayList<>();
      for (Map.Entry<String, Path> e : parts.entrySet()) {
        entries.add(BackupArchive.describe(e.getKey(), e.getValue()));
      }
      BackupManifest manifest =
          new BackupManifest(
              BackupManifest.FORMAT,
              spec.deployment(),
              specHash(specFile),
              writer,
              host.imageId(writer).orElse(""),
              databaseKind(database),
              created.toString(),
              Duration.ofNanos(stoppedNanos).toMillis(),
              entries,
              BackupManifest.S3_NOTE);
      BackupArchive.write(archive, manifest, parts);
      return new BackupResult(archive, manifest, running, List.of());
    } catch (java.nio.channels.ClosedByInterruptException e) {
      throw interrupted(stop && running);
    } catch (IOException e) {
      throw ProvisionException.of(
          "writing the backup " + archive + " failed: " + e.getMessage(),
          "check the free space and permissions of " + folder.dir());
    } finally {
      BackupJson.deleteTree(work);
    }
  }

  private static String specHash(Path specFile) {
    try {
      return specFile == null ? "" : BackupJson.sha256(Files.readAllBytes(specFile));
    } catch (IOException e) {
      return "";
    }
  }

  static ContainerResource backend(DesiredState desired) {
    return (ContainerResource) desired.resources().get(Names.BACKEND);
  }

  private Path copyOut(String container, String path, Path work, String name) throws IOException {
    Path out = work.resolve(name);
    Files.createFile(out, dev.provision.secrets.PrivateFiles.fileMode());
    try (OutputStream o = Files.newOutputStream(out)) {
      host.copyOut(container, path, o);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out;
  }

  private Path dump(Database.ManagedPostgres pg, Path work) throws IOException {
    String container =
        ((ContainerResource) desired.resources().get(Names.POSTGRES_CONTAINER)).name();
    String db = Names.database(spec.deployment());
    ExecResult done =
        host.exec(container, List.of("pg_dump", "-U", pg.user(), "-d", db, "-Fc", "-f", DUMP_FILE));
    if (!done.ok()) {
      throw ProvisionException.of(
          "pg_dump of database " + db + " in container " + container + " failed: " + done.stderr(),
          "check the database with provision doctor, then try again");
    }
    try {
      return copyOut(container, DUMP_FILE, work, "d");
    } finally {
      host.exec(container, List.of("rm", "-f", DUMP_FILE));
    }
  }

  private ProvisionException interrupted(boolean started) {
    return ProvisionException.of(
        "the backup of "
            + spec.deployment()
            + " was interrupted: no archive was written"
            + (started ? "; the backend was started again" : ""),
        "run provision backup again");
  }

  private ProvisionException missing() {
    return ProvisionException.of(
        "deployment " + spec.deployment() + " has no backend container on " + host.describe(),
        "run provision apply first: there is nothing to back up");
  }
}
