package dev.provision.cli;

import dev.provision.engine.ApplyOptions;
import dev.provision.engine.Engine;
import dev.provision.engine.LiveSession;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code provision destroy SPEC}: removes the deployment's containers and network. Volumes, the
 * database and the secrets file are kept (an apply brings the same deployment back, with the same
 * secret) unless --delete-data is given, which asks again.
 */
@Command(
    name = "destroy",
    mixinStandardHelpOptions = true,
    description =
        "Remove containers and the network; keep volumes and databases unless --delete-data.")
final class DestroyCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin SpecOptions options;
  @Mixin LockOptions lock;
  @Spec CommandSpec commandSpec;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file.")
  Path spec;

  @Option(names = "--yes", description = "Do not ask for confirmation (CI).")
  boolean yes;

  @Option(
      names = "--delete-data",
      description =
          "Also delete volumes and the database: the data is gone for good. Asks again (type the deployment name).")
  boolean deleteData;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    Engine.Mode mode = deleteData ? Engine.Mode.DESTROY_DATA : Engine.Mode.DESTROY;
    try (LiveSession session =
        cli.engine().open(spec, options.sets, mode, lock.request(commandSpec))) {
      if (Execution.showPlan(cli, session)) {
        return ExitCodes.OK;
      }
      Runnable running = Execution.releaseOnExit(session);
      String name = session.spec().deployment();
      if (!yes) {
        Confirm.ask(cli, "\nDestroy " + name + "?", "yes", "destroy");
      }
      if (deleteData && cli.terminal()) {
        Confirm.ask(
            cli,
            "This deletes the data of " + name + " for good. Type the deployment name.",
            name,
            "delete data");
      }
      running.run();
      Execution.Ran ran =
          Execution.run(cli, session, "destroy", new ApplyOptions(false, Journals.dir(spec), 2));
      return ran.exitCode(ran.result().execution().committed());
    }
  }
}
