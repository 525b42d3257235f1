package dev.provision.cli.view;

import dev.provision.diag.Diagnostic;
import dev.provision.plan.Action;
import dev.provision.plan.Change;
import dev.provision.plan.Consequence;
import dev.provision.plan.Drift;
import dev.provision.plan.Plan;
import dev.provision.plan.Recovery;
import dev.provision.plan.RecoveryAction;
import java.util.List;

/**
 * The human view of a plan for a terminal, in the manner of Terraform: a banner when data can be
 * lost (each such consequence listed), each change with its risk, reason, attribute diff and steps,
 * then drift, warnings and a one-line summary. Colour is used only when the caller asks; the view
 * never checks the terminal. Sensitive values read {@code (sensitive)}. Not for machines: use
 * {@link PlanJsonView}.
 */
public final class PlanTextView {
  private PlanTextView() {}

  /**
   * Renders the plan, ending with a newline.
   *
   * @param color true to add ANSI colour (the CLI passes true for a terminal with NO_COLOR unset)
   */
  public static String render(Plan plan, boolean color) {
    Ansi ansi = new Ansi(color);
    StringBuilder out = new StringBuilder();
    banner(plan, ansi, out);
    out.append("Plan for deployment \"")
        .append(ViewText.safe(plan.deployment()))
        .append("\": ")
        .append(ViewText.safe(plan.spec()))
        .append(" against ")
        .append(ViewText.safe(plan.against()))
        .append(".\n");
    plan.backup()
        .filter(b -> b instanceof dev.provision.plan.PlannedBackup.Into)
        .ifPresent(
            b ->
                out.append(
                    ViewText.safe(BackupText.into((dev.provision.plan.PlannedBackup.Into) b))
                        + "\n"));
    plan.recovery().ifPresent(r -> recovery(r, out));
    TextChangeWriter writer = new TextChangeWriter(ansi, out);
    for (Change change : PlanOrder.visibleChanges(plan)) {
      out.append('\n');
      writer.change(change);
    }
    List<Drift> drift = PlanOrder.drift(plan);
    if (!drift.isEmpty()) {
      out.append("\nChanged outside provision:\n");
      drift.forEach(writer::drift);
    }
    if (!plan.warnings().isEmpty()) {
      out.append("\nWarnings:\n");
      for (Diagnostic warning : plan.warnings()) {
        out.append("  ").append(warning.render().replace("\n", "\n  ")).append('\n');
      }
    }
    out.append('\n').append(summary(plan)).append('\n');
    return out.toString();
  }

  /**
   * The interrupted apply's section: when and where it stopped, who ran it, and what apply puts
   * back (or finishes) first, one line per container.
   */
  private static void recovery(Recovery r, StringBuilder out) {
    out.append('\n').append(ViewText.safe(r.headline())).append('\n');
    r.holder()
        .ifPresent(h -> out.append("  ").append(ViewText.safe(RecoveryText.runBy(h))).append('\n'));
    for (RecoveryAction a : r.actions()) {
      out.append("  ").append(ViewText.safe(a.address() + ": " + a.describe())).append('\n');
      if (a.direction() == RecoveryAction.Direction.FINISH) {
        out.append("    no undo: ").append(ViewText.safe(a.step().undoNote())).append('\n');
      }
    }
    if (!r.actions().isEmpty()) {
      out.append("  ").append(RecoveryText.NOTE).append('\n');
    }
  }

  /** The last line: counts and highest risk, or that nothing changes. Shared with other views. */
  static String summary(Plan plan) {
    if (PlanOrder.visibleChanges(plan).isEmpty() && plan.isEmpty()) {
      return "No changes. The deployment matches the spec.";
    }
    if (PlanOrder.visibleChanges(plan).isEmpty()) {
      return "Plan: recover from the interrupted apply; no other change.";
    }
    return "Plan: "
        + plan.count(Action.CREATE)
        + " to create, "
        + plan.count(Action.UPDATE)
        + " to update, "
        + plan.count(Action.REPLACE)
        + " to replace, "
        + plan.count(Action.DELETE)
        + " to delete"
        + (plan.count(Action.ADOPT) > 0 ? ", " + plan.count(Action.ADOPT) + " to adopt" : "")
        + ". Highest risk: "
        + plan.highestRisk().word()
        + ".";
  }

  private static void banner(Plan plan, Ansi ansi, StringBuilder out) {
    if (plan.backup().filter(b -> b.skipped()).isPresent()) {
      out.append(ansi.banner("!! " + BackupText.SKIPPED)).append('\n');
    }
    List<Change> dangerous = PlanOrder.dangerousChanges(plan);
    if (dangerous.isEmpty()) {
      if (plan.backup().filter(b -> b.skipped()).isPresent()) {
        out.append('\n');
      }
      return;
    }
    int n = dangerous.size();
    String head =
        "!! WARNING: "
            + n
            + (n == 1 ? " change loses" : " changes lose")
            + " data or cannot be undone. Read them before you apply.";
    out.append(ansi.banner(head)).append('\n');
    for (Change change : dangerous) {
      String line = "!!   " + change.address() + " (" + change.risk().word() + ")";
      List<Consequence> listed = ConsequenceText.dangerous(change);
      Consequence one = ConsequenceText.single(listed);
      if (one != null) {
        line += ": " + one.text();
      } else if (!listed.isEmpty()) {
        line += ":";
      }
      out.append(ansi.banner(ViewText.safe(line))).append('\n');
      if (listed.size() > 1) {
        for (Consequence c : listed) {
          String item = "!!     - " + ConsequenceText.item(c);
          out.append(ansi.banner(ViewText.safe(item))).append('\n');
        }
      }
    }
    out.append('\n');
  }
}
