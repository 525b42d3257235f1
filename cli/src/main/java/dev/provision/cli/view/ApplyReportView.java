package dev.provision.cli.view;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.engine.ApplyResult;
import dev.provision.engine.Verification;
import dev.provision.exec.ExecutionResult;
import dev.provision.exec.StepResult;
import dev.provision.exec.UndoResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Renders the end of an apply or destroy: what committed, or the root cause and exactly what the
 * rollback did (and what it could not undo), the journal's path, and the post-apply checks. Root
 * causes go to {@code err} as diagnostics; the rest to {@code out}.
 */
public final class ApplyReportView {
  private ApplyReportView() {}

  public static void render(ApplyResult result, String verb, PrintWriter out, PrintWriter err) {
    render(result, verb, null, out, err);
  }

  /**
   * As {@link #render(ApplyResult, String, PrintWriter, PrintWriter)}, for a run that {@code
   * signal} (e.g. SIGINT; null for none) stopped.
   */
  public static void render(
      ApplyResult result, String verb, String signal, PrintWriter out, PrintWriter err) {
    ExecutionResult r = result.execution();
    if (r.committed()) {
      Duration total =
          r.steps().stream().map(StepResult::duration).reduce(Duration.ZERO, Duration::plus);
      out.println();
      out.println(
          capital(verb)
              + " complete: "
              + r.steps().size()
              + " steps ("
              + String.format(Locale.ROOT, "%.1fs", total.toMillis() / 1000.0)
              + " of step time).");
      result.verification().ifPresent(v -> verification(v, out));
    } else {
      for (StepResult cause : r.rootCauses()) {
        for (Diagnostic d : diagnostics(cause)) {
          err.println(d.render());
        }
      }
      out.println();
      String what =
          result.lockLost().isPresent()
              ? capital(verb) + " was stopped (" + result.lockLost().get() + ")"
              : signal == null
                  ? capital(verb) + " failed"
                  : capital(verb) + " was interrupted (" + signal + ")";
      out.println(
          r.status() == ExecutionResult.Status.ROLLED_BACK
              ? what + " and was rolled back: every completed step was undone."
              : what + " and the rollback is INCOMPLETE: the target is partly changed.");
      for (UndoResult u : r.rollback()) {
        out.println(
            "  "
                + u.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + ": "
                + u.stepId()
                + (u.detail() == null ? "" : " (" + u.detail() + ")"));
      }
      leftOnTarget(r, out);
    }
    out.println("Journal: " + r.journal());
    out.flush();
    err.flush();
  }

  /**
   * What may still be on the target after the rollback: each failed step's partial effect (a
   * rollback undoes completed steps only) and each completed step whose undo was not confirmed.
   */
  private static void leftOnTarget(ExecutionResult r, PrintWriter out) {
    java.util.List<String> left = new java.util.ArrayList<>();
    for (StepResult cause : r.rootCauses()) {
      left.add(
          cause.stepId() + ": it failed before it finished; what it changed so far is not undone");
    }
    for (UndoResult u : r.rollback()) {
      String why =
          switch (u.outcome()) {
            case FAILED -> "its undo failed, so it was not confirmed";
            case NO_UNDO -> "it has no undo";
            case ABANDONED -> "the rollback was stopped before it";
            case UNDONE, NOT_NEEDED -> null;
          };
      if (why != null) {
        left.add(u.stepId() + ": " + why);
      }
    }
    if (left.isEmpty()) {
      return;
    }
    out.println("May still be on the target:");
    left.forEach(line -> out.println("  " + line));
    out.println(
        "  Run `provision plan` to see what is there now; the next apply observes the target and"
            + " converges it.");
  }

  /** Prints the post-apply checks (also after a restore). */
  public static void verification(Verification v, PrintWriter out) {
    out.println();
    out.println("Checks:");
    for (Verification.Check c : v.checks()) {
      String mark =
          switch (c.status()) {
            case OK -> "ok  ";
            case WARNING -> "WARN";
            case FAILED -> "FAIL";
            case SKIPPED -> "skip";
          };
      out.println("  " + mark + "  " + c.name() + ": " + c.detail());
    }
  }

  private static java.util.List<Diagnostic> diagnostics(StepResult cause) {
    if (cause.failure() instanceof ProvisionException pe) {
      return pe.diagnostics();
    }
    return java.util.List.of(
        Diagnostic.error(
            null,
            cause.stepId(),
            "step " + cause.stepId() + " failed: " + ProgressView.firstLine(cause.failure())));
  }

  private static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
