package dev.provision.cli;

import dev.provision.cli.view.ApplyReportView;
import dev.provision.cli.view.PlanTextView;
import dev.provision.cli.view.ProgressView;
import dev.provision.engine.ApplyOptions;
import dev.provision.engine.ApplyResult;
import dev.provision.engine.LiveSession;

/** The flow apply and destroy share: show the plan, then run it with progress and report. */
final class Execution {
  private Execution() {}

  /** Prints the session's plan; returns true when there is nothing to do. */
  static boolean showPlan(Cli cli, LiveSession session) {
    cli.out().print(PlanTextView.render(session.plan(), cli.color()));
    cli.out().flush();
    return session.plan().isEmpty();
  }

  /**
   * Runs the plan with one progress line per step, then prints the report ({@code verb}: apply,
   * destroy).
   */
  static ApplyResult run(Cli cli, LiveSession session, String verb, ApplyOptions options) {
    cli.out().println();
    cli.out().println(verb.equals("apply") ? "Applying:" : "Destroying:");
    ApplyResult result = cli.engine().apply(session, new ProgressView(cli.out()), options);
    ApplyReportView.render(result, verb, cli.out(), cli.err());
    return result;
  }
}
