package dev.provision.cli;

import dev.provision.backup.BackupManifest;
import dev.provision.engine.BackupResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code provision backup SPEC}: one consistent backup of the deployment's state (the backend is
 * stopped for the copy; the seconds are reported) into a private folder, keeping the newest {@code
 * --keep}. The archive holds secrets and is 0600; nothing secret is printed. Ctrl-C or SIGTERM
 * stops it: the backend is started again, no archive is written, exit 130 or 143.
 */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description =
        "Back up the deployment's state (data volume, managed Postgres database, secrets) into one"
            + " archive.")
final class BackupCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin SpecOptions options;
  @Mixin LockOptions lock;
  @Spec CommandSpec commandSpec;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file.")
  Path spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "The backup folder (default: the spec's backups.dir, else backups/ beside the secrets"
              + " file).")
  Path out;

  @Option(
      names = "--keep",
      paramLabel = "N",
      description =
          "Keep the newest N backups of this deployment in the folder (default: the spec's"
              + " backups.keep, else 10).")
  Integer keep;

  @Override
  public Integer call() {
    if (keep != null && keep < 1) {
      throw new picocli.CommandLine.ParameterException(
          commandSpec.commandLine(), "--keep must be 1 or more, was " + keep);
    }
    BackupResult result;
    try (Interrupts interrupts = Interrupts.installForBackup(main.cli)) {
      try {
        result =
            main.cli
                .engine()
                .backup(
                    spec,
                    options.sets,
                    lock.request(commandSpec),
                    Optional.ofNullable(out),
                    keep == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(keep));
      } catch (RuntimeException e) {
        if (interrupts.exitCode().isEmpty()) {
          throw e;
        }
        ErrorReporter.report(e, main.cli);
        return interrupts.exitCode().getAsInt();
      }
    }
    PrintWriter w = main.cli.out();
    BackupManifest m = result.manifest();
    w.println("Backup of " + m.deployment() + " written to " + result.archive());
    w.println(
        "  backend "
            + m.backendImage()
            + ", database "
            + m.database()
            + ", stopped for "
            + String.format(java.util.Locale.ROOT, "%.1f", m.stoppedMillis() / 1000.0)
            + "s"
            + (result.backendWasRunning() ? " and started again" : " (it was not running)"));
    for (BackupManifest.Entry e : m.entries()) {
      w.println("  " + e.name() + "  " + e.size() + " bytes  sha256 " + e.sha256());
    }
    w.println("  S3: " + m.s3());
    result.pruned().forEach(p -> w.println("  removed old backup " + p.getFileName()));
    w.flush();
    return ExitCodes.OK;
  }
}
