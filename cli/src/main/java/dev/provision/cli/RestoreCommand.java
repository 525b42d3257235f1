package dev.provision.cli;

import dev.provision.engine.RestoreResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code provision restore SPEC BACKUP}: puts a backup back (data volume, managed Postgres
 * database, secrets), starts the backend and runs the checks an apply runs. Exit 0 when the checks
 * pass, 1 otherwise or when the backup is refused.
 */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description =
        "Restore a backup: stop the backend, put the data and database back, start it, check it.")
final class RestoreCommand extends LockedSpecCommand {
  @Parameters(index = "1", paramLabel = "BACKUP", description = "The backup archive.")
  Path backup;

  @Option(
      names = "--force",
      description = "Restore a backup taken with another backend image than the spec's.")
  boolean force;

  @Option(
      names = "--allow-secret-rotation",
      description = "Put the backup's secrets back when they differ from the secrets file.")
  boolean allowSecretRotation;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation (restore replaces the deployment's data).")
  boolean yes;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    confirm(
        yes,
        "\nReplace the data of the deployment in " + spec + " with " + backup + "?",
        "restore");
    RestoreResult result =
        cli.engine().restore(spec, options.sets, lockRequest(), backup, force, allowSecretRotation);
    PrintWriter w = cli.out();
    result
        .replacedInterrupted()
        .ifPresent(
            r ->
                cli.err()
                    .println(
                        "note: a restore was interrupted while it replaced the data (restore of "
                            + r.archive()
                            + "); this restore replaced that half-written data"));
    w.println(
        "Restored "
            + result.manifest().deployment()
            + " from the backup taken "
            + result.manifest().created()
            + " with "
            + result.manifest().backendImage());
    dev.provision.cli.view.ApplyReportView.verification(result.verification(), w);
    w.flush();
    return result.verification().ok() ? ExitCodes.OK : ExitCodes.ERROR;
  }
}
