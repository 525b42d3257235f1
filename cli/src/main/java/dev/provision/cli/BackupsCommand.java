package dev.provision.cli;

import dev.provision.backup.BackupArchive;
import dev.provision.backup.BackupManifest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code provision backups SPEC}: the deployment's backups in its folder, oldest first. */
@Command(
    name = "backups",
    mixinStandardHelpOptions = true,
    description = "List the deployment's backups, oldest first.")
final class BackupsCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin SpecOptions options;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file.")
  Path spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "The backup folder (default: backups/ beside the secrets file).")
  Path out;

  @Override
  public Integer call() throws Exception {
    List<Path> found = main.cli.engine().backups(spec, options.sets, Optional.ofNullable(out));
    PrintWriter w = main.cli.out();
    if (found.isEmpty()) {
      w.println("No backups.");
    }
    for (Path p : found) {
      BackupManifest m = BackupArchive.manifest(p);
      w.println(
          p
              + "  "
              + m.created()
              + "  "
              + m.backendImage()
              + "  "
              + m.database()
              + "  "
              + Files.size(p)
              + " bytes");
    }
    w.flush();
    return ExitCodes.OK;
  }
}
