package dev.provision.cli.view;

import dev.provision.diag.Diagnostic;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Change;
import dev.provision.plan.Consequence;
import dev.provision.plan.Drift;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedStep;
import dev.provision.plan.Recovery;
import dev.provision.plan.RecoveryAction;
import java.util.List;

/**
 * The pieces of the Markdown view, each a self-contained block ending with a blank line: heading,
 * banner, interrupted apply, summary, one table row and one folded details block per change, one
 * drift entry, one warning. {@link PlanMarkdownView} arranges them into one or more parts.
 */
final class MarkdownBlocks {
  static final String CHANGES_HEAD = "### Changes\n\n";
  static final String TABLE_HEAD =
      "| | Address | Action | Risk | Reason |\n" + "| :---: | --- | --- | --- | --- |\n";
  static final String DRIFT_HEAD = "### Changed outside provision\n\n";
  static final String WARNINGS_HEAD = "### Warnings\n\n";

  private MarkdownBlocks() {}

  static String heading(Plan plan, String part) {
    String head = "## Plan for " + MarkdownText.code(plan.deployment());
    return head + (part == null ? "" : " (" + part + ")") + "\n\n";
  }

  /** Where the plan came from, the banner and the summary: the top of the first part. */
  static String preamble(Plan plan) {
    StringBuilder out = new StringBuilder();
    out.append(MarkdownText.code(plan.spec()))
        .append(" against ")
        .append(MarkdownText.code(plan.against()))
        .append(".\n\n");
    plan.backup()
        .ifPresent(
            b ->
                out.append(
                        b instanceof dev.provision.plan.PlannedBackup.Into into
                            ? MarkdownText.inline(BackupText.into(into))
                            : "> [!WARNING]\n> **" + MarkdownText.inline(BackupText.SKIPPED) + "**")
                    .append("\n\n"));
    List<Change> dangerous = PlanOrder.dangerousChanges(plan);
    if (!dangerous.isEmpty()) {
      int n = dangerous.size();
      out.append("> [!CAUTION]\n> **")
          .append(n)
          .append(n == 1 ? " change loses" : " changes lose")
          .append(" data or cannot be undone.** Read them before you apply.\n");
      for (Change change : dangerous) {
        out.append("> - ")
            .append(MarkdownText.code(change.address().toString()))
            .append(" (")
            .append(change.risk().word())
            .append(")");
        List<Consequence> listed = ConsequenceText.dangerous(change);
        Consequence one = ConsequenceText.single(listed);
        if (one != null) {
          out.append(": ").append(MarkdownText.inline(one.text()));
        } else if (!listed.isEmpty()) {
          out.append(':');
        }
        out.append('\n');
        if (listed.size() > 1) {
          for (Consequence c : listed) {
            out.append(">   - ").append(MarkdownText.inline(ConsequenceText.item(c))).append('\n');
          }
        }
      }
      out.append('\n');
    }
    plan.recovery().ifPresent(r -> recovery(r, out));
    if (PlanOrder.visibleChanges(plan).isEmpty()) {
      return out.append(PlanTextView.summary(plan)).append("\n\n").toString();
    }
    out.append("| Action | Count |\n| --- | ---: |\n");
    List<Action> actions =
        plan.count(Action.ADOPT) > 0
            ? List.of(Action.CREATE, Action.UPDATE, Action.REPLACE, Action.DELETE, Action.ADOPT)
            : List.of(Action.CREATE, Action.UPDATE, Action.REPLACE, Action.DELETE);
    for (Action action : actions) {
      out.append("| ")
          .append(action.word())
          .append(" | ")
          .append(plan.count(action))
          .append(" |\n");
    }
    out.append("\n**Highest risk:** ").append(plan.highestRisk().word()).append("\n\n");
    return out.toString();
  }

  /** The interrupted apply, as a warning block: the text view's section, in Markdown. */
  private static void recovery(Recovery r, StringBuilder out) {
    out.append("> [!WARNING]\n> **").append(MarkdownText.inline(r.headline())).append("**\n");
    r.holder()
        .ifPresent(
            h -> out.append("> ").append(MarkdownText.inline(RecoveryText.runBy(h))).append('\n'));
    for (RecoveryAction a : r.actions()) {
      out.append("> - ")
          .append(MarkdownText.code(a.address().toString()))
          .append(": ")
          .append(MarkdownText.inline(a.describe()))
          .append('\n');
      if (a.direction() == RecoveryAction.Direction.FINISH) {
        out.append(">   - no undo: ").append(MarkdownText.inline(a.step().undoNote())).append('\n');
      }
    }
    if (RecoveryText.note(r) != null) {
      out.append(">\n> ").append(MarkdownText.inline(RecoveryText.note(r))).append('\n');
    }
    out.append('\n');
  }

  static String row(Change change) {
    return "| "
        + MarkdownText.code(change.action().symbol())
        + " | "
        + MarkdownText.code(change.address().toString())
        + " | "
        + change.action().word()
        + " | "
        + change.risk().word()
        + " | "
        + MarkdownText.inline(change.reason())
        + " |\n";
  }

  /** The folded details of a change, with its attribute diff. */
  static String details(Change change) {
    return details(change, true);
  }

  /**
   * The folded details of a change; without the diff when {@code withDiff} is false, for a change
   * whose diff alone is too long for one comment.
   */
  static String details(Change change, boolean withDiff) {
    StringBuilder out = new StringBuilder();
    out.append("<details><summary><code>")
        .append(MarkdownText.html(change.address().toString()))
        .append("</code> (")
        .append(change.action().word())
        .append(")</summary>\n\n");
    out.append("**Risk:** ").append(change.risk().word());
    Consequence one = ConsequenceText.single(change.consequences());
    if (one != null) {
      out.append(" — ").append(MarkdownText.inline(one.text()));
    }
    out.append("\n\n");
    if (change.consequences().size() > 1) {
      for (Consequence c : change.consequences()) {
        out.append("- ").append(MarkdownText.inline(ConsequenceText.item(c))).append('\n');
      }
      out.append('\n');
    }
    if (change.reason() != null && !change.reason().isBlank()) {
      out.append("**Reason:** ").append(MarkdownText.inline(change.reason())).append("\n\n");
    }
    if (withDiff) {
      diff(out, change.attributes());
    } else {
      out.append("_The diff of ")
          .append(change.attributes().size())
          .append(" attributes is too long for a comment;")
          .append(" see the text or JSON view of this plan._\n\n");
    }
    if (!change.steps().isEmpty()) {
      out.append("**Steps:**\n\n");
      int number = 1;
      for (PlannedStep step : change.steps()) {
        out.append(number++).append(". ").append(MarkdownText.code(step.verb()));
        if (step.address() != null) {
          out.append(' ').append(MarkdownText.code(step.address().toString()));
        }
        out.append(" — ").append(MarkdownText.inline(TextChangeWriter.undoText(step))).append('\n');
      }
      out.append('\n');
    }
    return out.append("</details>\n\n").toString();
  }

  static String drift(Drift drift) {
    StringBuilder out = new StringBuilder("- ");
    out.append(MarkdownText.code(drift.address().toString()));
    if (drift.note() != null && !drift.note().isBlank()) {
      out.append(": ").append(MarkdownText.inline(drift.note()));
    }
    out.append("\n\n");
    diff(out, drift.attributes());
    return out.toString();
  }

  static String warning(Diagnostic warning) {
    return "```text\n" + warning.render().replace("```", "'''") + "\n```\n\n";
  }

  /**
   * A diff block: {@code +} added, {@code -} removed, a pair for a change, {@code !} for a secret.
   */
  private static void diff(StringBuilder out, List<AttributeChange> attributes) {
    if (attributes.isEmpty()) {
      return;
    }
    List<AttributeChange> sorted = PlanOrder.attributes(attributes);
    int width = sorted.stream().mapToInt(a -> ViewText.safe(a.path()).length()).max().orElse(0) + 1;
    out.append("```diff\n");
    for (AttributeChange attribute : sorted) {
      String label = String.format("%-" + width + "s", ViewText.safe(attribute.path()) + ":");
      String marker = AttributeText.marker(attribute);
      if (!marker.equals("~")) {
        out.append(marker)
            .append(' ')
            .append(label)
            .append(' ')
            .append(AttributeText.values(attribute))
            .append('\n');
      } else if (attribute.sensitive()) {
        out.append("! ")
            .append(label)
            .append(' ')
            .append(AttributeText.masked(attribute))
            .append('\n');
      } else {
        out.append("- ")
            .append(label)
            .append(' ')
            .append(AttributeText.side(attribute, attribute.before()))
            .append('\n');
        out.append("+ ")
            .append(label)
            .append(' ')
            .append(AttributeText.side(attribute, attribute.after()))
            .append('\n');
      }
    }
    out.append("```\n\n");
  }
}
