package dev.provision.cli;

import dev.provision.engine.ApplyOptions;
import dev.provision.engine.ApplyResult;
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
 * {@code provision apply SPEC}: plans against the live target, shows the plan, asks (or takes
 * --yes), executes it step by step and, on failure, rolls back and reports the root cause.
 */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = "Make the target match the spec. A failed apply is rolled back.")
final class ApplyCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin SpecOptions options;
  @Mixin LockOptions lock;
  @Spec CommandSpec commandSpec;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file.")
  Path spec;

  @Option(names = "--yes", description = "Do not ask for confirmation (CI).")
  boolean yes;

  @Option(
      names = "--allow-secret-rotation",
      description =
          "Allow a plan that changes the instance secret (every admin key issued so far stops working).")
  boolean allowSecretRotation;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      description = "Independent steps run at once (default 2).")
  int parallelism;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    try (LiveSession session =
        cli.engine().open(spec, options.sets, Engine.Mode.APPLY, lock.request(commandSpec))) {
      if (Execution.showPlan(cli, session)) {
        return ExitCodes.OK;
      }
      Runnable running = Execution.releaseOnExit(session);
      if (!yes) {
        Confirm.ask(
            cli, "\nApply these changes to " + session.spec().deployment() + "?", "yes", "apply");
      }
      running.run();
      Execution.Ran ran =
          Execution.run(
              cli,
              session,
              "apply",
              new ApplyOptions(allowSecretRotation, Journals.dir(spec), parallelism));
      ApplyResult result = ran.result();
      boolean verified = result.verification().map(v -> v.ok()).orElse(true);
      return ran.exitCode(result.execution().committed() && verified);
    }
  }
}
