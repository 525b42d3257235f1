package dev.provision.cli;

import dev.provision.engine.ApplyOptions;
import dev.provision.engine.ApplyResult;
import dev.provision.engine.Engine;
import dev.provision.engine.LiveSession;
import dev.provision.secrets.AdoptSecret;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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

  @Parameters(
      index = "0",
      paramLabel = "SPEC|PLANFILE",
      description =
          "The spec file, or a plan file saved by `plan --out` (applied exactly, or refused when"
              + " anything moved since it was made).")
  Path spec;

  @Option(names = "--yes", description = "Do not ask for confirmation (CI).")
  boolean yes;

  @Option(
      names = "--allow-secret-rotation",
      description =
          "Allow a plan that changes the instance secret (every admin key issued so far stops working).")
  boolean allowSecretRotation;

  @Option(
      names = "--adopt-secret",
      paramLabel = "live|file",
      converter = AdoptSecretConverter.class,
      description =
          "When the copies of the instance secret disagree (running backend or its volume vs the"
              + " secrets file), which one wins: live keeps the deployment's secret and stores it"
              + " in the secrets file (the old value stays in the file's history); file puts the"
              + " secrets file's secret back, a rotation that also needs --allow-secret-rotation.")
  AdoptSecret adoptSecret;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      description = "Independent steps run at once (default 2).")
  int parallelism;

  @Option(
      names = "--no-backup",
      description =
          "Do not back the data up before a forward-only backend upgrade (then a failed upgrade"
              + " cannot be rolled back); the plan says so in its banner. A plan saved with"
              + " `plan --no-backup` keeps the choice.")
  boolean noBackup;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    Optional<SavedPlanApply> saved =
        SavedPlanApply.isPlanFile(spec)
            ? Optional.of(SavedPlanApply.load(spec, options.sets))
            : Optional.empty();
    Path specFile = saved.map(SavedPlanApply::spec).orElse(spec);
    ApplyOptions applyOptions =
        new ApplyOptions(
                allowSecretRotation,
                Journals.dir(specFile),
                parallelism,
                Optional.ofNullable(adoptSecret))
            .withNoBackup(noBackup);
    try (LiveSession session =
        cli.engine()
            .open(
                specFile,
                saved.map(SavedPlanApply::sets).orElse(options.sets),
                Engine.Mode.APPLY,
                lock.request(commandSpec),
                applyOptions.adoptSecret())) {
      if (noBackup || saved.map(SavedPlanApply::skipsBackup).orElse(false)) {
        // the plan shows the NO backup banner; a saved plan keeps the choice it was made with
        session.skipBackup();
      }
      saved.ifPresent(s -> s.check(session));
      boolean nothingToDo = Execution.showPlan(cli, session);
      session.checkSecrets(allowSecretRotation);
      if (nothingToDo) {
        return ExitCodes.OK;
      }
      Runnable running = Execution.releaseOnExit(session);
      if (!yes) {
        Confirm.ask(
            cli, "\nApply these changes to " + session.spec().deployment() + "?", "yes", "apply");
      }
      running.run();
      Execution.Ran ran = Execution.run(cli, session, "apply", applyOptions);
      ApplyResult result = ran.result();
      boolean verified = result.verification().map(v -> v.ok()).orElse(true);
      boolean committed = result.execution().committed() && verified;
      if (committed && cli.engine().pushesFunctions(session)) {
        // after the commit: functions have no undo, and a failed push is exit 1 on its own
        int pushed = FunctionsOutput.push(cli, session);
        if (pushed != ExitCodes.OK) {
          return pushed;
        }
      }
      return ran.exitCode(committed);
    }
  }

  /** Reads {@code live} or {@code file}. */
  static final class AdoptSecretConverter implements CommandLine.ITypeConverter<AdoptSecret> {
    @Override
    public AdoptSecret convert(String value) {
      try {
        return AdoptSecret.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "expected live or file, found '" + value + "'");
      }
    }
  }
}
