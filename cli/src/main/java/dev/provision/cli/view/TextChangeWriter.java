package dev.provision.cli.view;

import dev.provision.plan.AttributeChange;
import dev.provision.plan.Change;
import dev.provision.plan.Consequence;
import dev.provision.plan.Drift;
import dev.provision.plan.PlannedStep;
import java.util.List;

/**
 * Writes one change or one drift entry of the text view: header, risk, reason, aligned attribute
 * diffs and numbered steps with their undo. Layout only; ordering comes from {@link PlanOrder}.
 */
final class TextChangeWriter {
  private static final String DETAIL = "      ";
  private static final String STEP = "        ";

  private final Ansi ansi;
  private final StringBuilder out;

  TextChangeWriter(Ansi ansi, StringBuilder out) {
    this.ansi = ansi;
    this.out = out;
  }

  void change(Change change) {
    String symbol = String.format("%3s", change.action().symbol());
    String header = symbol + " " + change.address() + " (" + change.action().word() + ")";
    out.append(ansi.forAction(change.action(), header)).append('\n');
    consequences(change);
    if (change.reason() != null && !change.reason().isBlank()) {
      detail("reason: " + change.reason());
    }
    attributes(change.attributes());
    steps(change.steps());
  }

  /** The risk line; several consequences follow it as a list, each with its own risk. */
  private void consequences(Change change) {
    Consequence one = ConsequenceText.single(change.consequences());
    String risk = "risk: " + change.risk().word();
    detail(one == null ? risk : risk + " — " + one.text());
    if (change.consequences().size() > 1) {
      for (Consequence c : change.consequences()) {
        out.append(STEP).append("- ").append(ViewText.safe(ConsequenceText.item(c))).append('\n');
      }
    }
  }

  void drift(Drift drift) {
    out.append(ansi.forMarker("~", "  ~ " + drift.address())).append('\n');
    if (drift.note() != null && !drift.note().isBlank()) {
      detail(drift.note());
    }
    attributes(drift.attributes());
  }

  private void attributes(List<AttributeChange> attributes) {
    List<AttributeChange> sorted = PlanOrder.attributes(attributes);
    int width = sorted.stream().mapToInt(a -> ViewText.safe(a.path()).length()).max().orElse(0) + 1;
    for (AttributeChange attribute : sorted) {
      String marker = AttributeText.marker(attribute);
      String label = String.format("%-" + width + "s", ViewText.safe(attribute.path()) + ":");
      String line = marker + " " + label + " " + AttributeText.values(attribute);
      out.append(DETAIL).append(ansi.forMarker(marker, line)).append('\n');
    }
  }

  private void steps(List<PlannedStep> steps) {
    if (steps.isEmpty()) {
      return;
    }
    detail("steps:");
    int number = 1;
    for (PlannedStep step : steps) {
      String line = step.verb() + (step.address() != null ? " " + step.address() : "");
      out.append(STEP).append(number++).append(". ").append(ViewText.safe(line));
      out.append(" — ").append(ViewText.safe(undoText(step))).append('\n');
    }
  }

  /** {@code undo: X} or {@code no undo: why}; shared with the Markdown view. */
  static String undoText(PlannedStep step) {
    if (step.reversible()) {
      return "undo: " + step.undo();
    }
    String note = step.undoNote();
    return note == null || note.isBlank() ? "no undo" : "no undo: " + note;
  }

  private void detail(String text) {
    out.append(DETAIL).append(ViewText.safe(text)).append('\n');
  }
}
