package dev.provision.cli;

import dev.provision.engine.ApplyOptions;
import dev.provision.engine.ApplyResult;
import dev.provision.engine.Engine;
import dev.provision.engine.LiveSession;
import dev.provision.exec.StopRequest;
import dev.provision.lock.InterruptedRestores;
import dev.provision.lock.LockTurn;
import dev.provision.secrets.AdoptSecret;
import java.nio.file.Path;
import java.util.List;
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

  @Mixin FleetOptions fleet;

  @Parameters(
      arity = "1..*",
      paramLabel = "SPEC|PLANFILE",
      description =
          "The spec file, or a plan file saved by `plan --out` (applied exactly, or refused when"
              + " anything moved since it was made). Several spec files apply one deployment each,"
              + " --parallel at once; without a terminal they need --yes.")
  List<Path> specs;

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

  @Option(
      names = InterruptedRestores.ACCEPT_FLAG,
      description =
          "Start the backend even though a restore was interrupted while it replaced the data (the"
              + " volume/database may be half-written); without it apply refuses until a restore"
              + " completes.")
  boolean acceptInterruptedRestore;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    if (specs.size() > 1) {
      return new FleetApply(this, cli).run();
    }
    Prepared prepared;
    Runnable running;
    try (Interrupts planning = Interrupts.installForPlanning(cli)) {
      try {
        prepared = prepare(cli, specs.get(0), LockTurn.ANY, planning.stop());
      } catch (RuntimeException e) {
        if (planning.signal() == null) {
          throw e;
        }
        return Execution.notStarted(cli, "applied", planning); // no lock taken, or released
      }
      if (planning.signal() != null) {
        prepared.session().close();
        return Execution.notStarted(cli, "applied", planning);
      }
      // before the handlers go: from here a signal ends the process and the hook the lock
      running = Execution.releaseOnExit(prepared.session());
    }
    try (LiveSession session = prepared.session()) {
      if (prepared.nothingToDo()) {
        running.run();
        return ExitCodes.OK;
      }
      if (!yes) {
        Confirm.ask(
            cli, "\nApply these changes to " + session.spec().deployment() + "?", "yes", "apply");
      }
      running.run();
      return execute(cli, prepared, null, null);
    }
  }

  /**
   * A session opened (the deployment's lock held) and its plan shown, ready to run.
   *
   * @param nothingToDo the plan is empty
   */
  record Prepared(LiveSession session, ApplyOptions options, boolean nothingToDo) {}

  /**
   * Opens the session of {@code spec} (a spec or a saved plan) with the deployment's lock, shows
   * its plan and checks its secrets; the caller closes the session.
   */
  Prepared prepare(Cli cli, Path spec) {
    return prepare(cli, spec, LockTurn.ANY);
  }

  /** As {@link #prepare(Cli, Path)}, taking the lock in {@code turn} (several specs). */
  Prepared prepare(Cli cli, Path spec, LockTurn turn) {
    return prepare(cli, spec, turn, StopRequest.never());
  }

  /**
   * As {@link #prepare(Cli, Path, LockTurn)}, the wait for the lock ended by {@code stop} (a signal
   * while several specs run: their handlers stop rather than end the process).
   */
  Prepared prepare(Cli cli, Path spec, LockTurn turn, StopRequest stop) {
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
    LiveSession session =
        cli.engine()
            .open(
                specFile,
                saved.map(SavedPlanApply::sets).orElse(options.sets),
                Engine.Mode.APPLY,
                (acceptInterruptedRestore
                        ? lock.request(commandSpec).takingOverInterruptedRestore()
                        : lock.request(commandSpec))
                    .inTurn(turn)
                    .stoppedBy(stop),
                applyOptions.adoptSecret());
    try {
      if (noBackup || saved.map(SavedPlanApply::skipsBackup).orElse(false)) {
        // the plan shows the NO backup banner; a saved plan keeps the choice it was made with
        session.skipBackup();
      }
      saved.ifPresent(s -> s.check(session));
      boolean nothingToDo = Execution.showPlan(cli, session);
      session.checkSecrets(allowSecretRotation);
      session.refuseBlocked();
      return new Prepared(session, applyOptions, nothingToDo);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /**
   * Runs a prepared plan, then pushes the functions when they changed; returns the exit code. With
   * {@code interrupts} null it installs its own signal handlers; else (several specs) signals come
   * through {@code stop}, and functions pushes run one at a time.
   */
  int execute(Cli cli, Prepared prepared, Interrupts interrupts, StopRequest stop) {
    LiveSession session = prepared.session();
    Execution.Ran ran =
        interrupts == null
            ? Execution.run(cli, session, "apply", prepared.options())
            : Execution.run(cli, session, "apply", prepared.options(), interrupts, stop);
    ApplyResult result = ran.result();
    boolean verified = result.verification().map(v -> v.ok()).orElse(true);
    boolean committed = result.execution().committed() && verified;
    if (committed && cli.engine().pushesFunctions(session)) {
      // after the commit: functions have no undo, and a failed push is exit 1 on its own
      int pushed;
      if (interrupts == null) {
        pushed = FunctionsOutput.push(cli, session);
      } else {
        synchronized (ApplyCommand.class) { // signal handlers nest only one push at a time
          pushed = FunctionsOutput.push(cli, session);
        }
      }
      if (pushed != ExitCodes.OK) {
        return pushed;
      }
    }
    return ran.exitCode(committed);
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
