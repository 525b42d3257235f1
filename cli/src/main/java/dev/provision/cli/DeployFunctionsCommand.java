package dev.provision.cli;

import dev.provision.engine.Engine;
import dev.provision.engine.LiveSession;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code provision deploy-functions SPEC}: only the functions push of apply, whatever the plan says
 * (the backend must run). Holds the deployment's lock while the CLI runs; its output is printed
 * with every secret masked. Exit 0 when pushed, 1 when the push failed or timed out, 130/143 when
 * Ctrl-C/SIGTERM ended it (the backend keeps its previous functions in each case).
 */
@Command(
    name = "deploy-functions",
    mixinStandardHelpOptions = true,
    description =
        "Push the app's functions (spec `functions:`) with the app's Convex CLI, and remember"
            + " what was pushed in the deployment.")
final class DeployFunctionsCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec commandSpec;
  @Mixin SpecOptions options;
  @Mixin LockOptions lock;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file.")
  Path spec;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    try (LiveSession session =
        cli.engine().open(spec, options.sets, Engine.Mode.APPLY, lock.request(commandSpec))) {
      return FunctionsOutput.push(cli, session);
    }
  }
}
