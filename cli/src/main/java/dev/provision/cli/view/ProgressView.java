package dev.provision.cli.view;

import dev.provision.diag.ProvisionException;
import dev.provision.exec.ExecListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Renders an apply's events as one line per step with its time, as they happen. Steps may report
 * from several threads; lines are printed whole. Secrets never reach it: step descriptions and
 * errors are built without them.
 */
public final class ProgressView implements ExecListener {
  private final PrintWriter out;

  public ProgressView(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void stepStarted(String stepId, String description) {
    line("  ... " + description);
  }

  @Override
  public synchronized void stepProgress(String stepId, String text) {
    line("      " + text);
  }

  @Override
  public synchronized void stepSucceeded(String stepId, Duration duration) {
    line("  ok  " + stepId + " (" + seconds(duration) + ")");
  }

  @Override
  public synchronized void stepFailed(String stepId, Throwable cause) {
    line("  FAILED " + stepId + ": " + firstLine(cause));
  }

  @Override
  public synchronized void stepSkipped(String stepId, String reason) {
    line("  skip " + stepId + ": " + reason);
  }

  @Override
  public synchronized void undoStarted(String stepId, String description) {
    line("  undo " + description);
  }

  @Override
  public synchronized void undoSucceeded(String stepId, Duration duration) {
    line("  undone " + stepId + " (" + seconds(duration) + ")");
  }

  @Override
  public synchronized void undoFailed(String stepId, Throwable cause) {
    line("  UNDO FAILED " + stepId + ": " + firstLine(cause));
  }

  @Override
  public synchronized void undoUnavailable(String stepId, String reason) {
    line("  NO UNDO " + stepId + ": " + reason);
  }

  @Override
  public synchronized void commitFailed(String hookId, Throwable cause) {
    line("  cleanup failed " + hookId + ": " + firstLine(cause));
  }

  /** The first line of a failure: a diagnostic's message, or the exception's. */
  public static String firstLine(Throwable cause) {
    if (cause instanceof ProvisionException pe && !pe.diagnostics().isEmpty()) {
      return pe.diagnostics().get(0).message();
    }
    String m = cause.getMessage();
    return cause.getClass().getSimpleName()
        + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
  }

  private void line(String text) {
    out.println(text);
    out.flush();
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }
}
