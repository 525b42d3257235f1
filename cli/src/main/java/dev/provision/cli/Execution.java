package dev.provision.cli;

import dev.provision.cli.view.ApplyReportView;
import dev.provision.cli.view.PlanTextView;
import dev.provision.cli.view.ProgressView;
import dev.provision.diag.Diagnostic;
import dev.provision.engine.ApplyOptions;
import dev.provision.engine.ApplyResult;
import dev.provision.engine.LiveSession;
import java.util.List;
import java.util.OptionalInt;

/** The flow apply and destroy share: show the plan, then run it with progress and report. */
final class Execution {
  private Execution() {}

  /** How a run ended: the engine's result and, when a signal stopped it, the exit code for it. */
  record Ran(ApplyResult result, OptionalInt signalExit) {
    /** The exit code: the signal's when one came, else OK when {@code succeeded}, else ERROR. */
    int exitCode(boolean succeeded) {
      return signalExit.orElse(succeeded ? ExitCodes.OK : ExitCodes.ERROR);
    }
  }

  /** Prints the session's plan; returns true when there is nothing to do. */
  static boolean showPlan(Cli cli, LiveSession session) {
    cli.out().print(PlanTextView.render(session.plan(), cli.color()));
    cli.out().flush();
    return session.plan().isEmpty();
  }

  /**
   * Releases the session's lock if the JVM is ended (Ctrl-C at the prompt) before the run starts;
   * call the returned hook's {@code run} to remove it once the run takes over.
   */
  static Runnable releaseOnExit(LiveSession session) {
    Thread hook = new Thread(session::close, "provision-release-lock");
    Runtime.getRuntime().addShutdownHook(hook);
    return () -> {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
    };
  }

  /**
   * Reports a command that a signal stopped while it took its lock and planned: nothing was changed
   * ({@code verb}: applied, destroyed) and the lock was released. Returns 130 or 143.
   */
  static int notStarted(Cli cli, String verb, Interrupts planning) {
    cli.out().flush();
    cli.err()
        .println(
            "\nNot "
                + verb
                + ": "
                + planning.signal()
                + " came while the plan was being made; nothing was changed and the lock was"
                + " released.");
    cli.err().flush();
    return planning.exitCode().getAsInt();
  }

  /**
   * Runs the plan with one progress line per step, then prints the report ({@code verb}: apply,
   * destroy). SIGINT and SIGTERM stop it and roll it back (see {@link Interrupts}).
   */
  static Ran run(Cli cli, LiveSession session, String verb, ApplyOptions options) {
    try (Interrupts interrupts = Interrupts.install(cli)) {
      return run(cli, session, verb, options, interrupts, interrupts.stop());
    }
  }

  /**
   * As above, stopped by signals that {@code interrupts} (installed by the caller, for several runs
   * at once) passes on through {@code stop}, this run's own request.
   */
  static Ran run(
      Cli cli,
      LiveSession session,
      String verb,
      ApplyOptions options,
      Interrupts interrupts,
      dev.provision.exec.StopRequest stop) {
    warn(cli, cli.engine().securePrivateFolders(session, options));
    cli.out().println();
    cli.out().println(verb.equals("apply") ? "Applying:" : "Destroying:");
    ApplyOptions stoppable = options.withStop(stop);
    ApplyResult result = cli.engine().apply(session, new ProgressView(cli.out()), stoppable);
    Thread.interrupted(); // the stop request's interrupt is spent: reporting must not see it
    warn(cli, result.warnings());
    ApplyReportView.render(result, verb, interrupts.signal(), cli.out(), cli.err());
    return new Ran(
        result, result.execution().committed() ? OptionalInt.empty() : interrupts.exitCode());
  }

  private static void warn(Cli cli, List<Diagnostic> warnings) {
    for (Diagnostic w : warnings) {
      cli.err().println(w.render());
    }
    cli.err().flush();
  }
}
