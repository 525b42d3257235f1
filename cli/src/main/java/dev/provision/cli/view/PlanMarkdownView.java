package dev.provision.cli.view;

import dev.provision.plan.Change;
import dev.provision.plan.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * The pull-request view of a plan: GitHub-flavoured Markdown with a caution banner for data loss, a
 * summary table, a table of changes and each change's diff folded in {@code <details>}, then drift
 * and warnings. A comment has a size limit, so a long plan is split at change boundaries into
 * numbered parts ({@code Part 1 of 3}), each one a comment of its own. Sensitive values read {@code
 * (sensitive)}. Not for a terminal: use {@link PlanTextView}.
 */
public final class PlanMarkdownView {
  /** The largest part, in characters; GitHub refuses comments over 65,536. */
  public static final int MAX_CHARS = 60_000;

  private PlanMarkdownView() {}

  /** Renders the plan as one part, or several when it is longer than {@link #MAX_CHARS}. */
  public static List<String> render(Plan plan) {
    return render(plan, MAX_CHARS);
  }

  /**
   * Renders the plan in parts of at most {@code maxChars} characters each. Parts break only between
   * changes, drift entries and warnings. A change whose details alone do not fit in a part is shown
   * without its attribute diff (the text and JSON views have it); only free text longer than the
   * limit (a reason, a drift note or a warning) can still make a part exceed it.
   */
  public static List<String> render(Plan plan, int maxChars) {
    List<Unit> units = units(plan);
    String whole = part(plan, null, true, units);
    if (whole.length() <= maxChars) {
      return List.of(whole);
    }
    List<List<Unit>> groups = pack(plan, units, maxChars);
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      String label = "Part " + (i + 1) + " of " + groups.size();
      parts.add(part(plan, label, i == 0, groups.get(i)));
    }
    return List.copyOf(parts);
  }

  /** What a part is made of: a change (table row plus details), a drift entry or a warning. */
  private record Unit(Kind kind, String row, String body, String compactBody) {
    int length() {
      return row.length() + body.length();
    }

    Unit compact() {
      return new Unit(kind, row, compactBody, compactBody);
    }
  }

  private enum Kind {
    CHANGE,
    DRIFT,
    WARNING
  }

  private static List<Unit> units(Plan plan) {
    List<Unit> units = new ArrayList<>();
    for (Change change : PlanOrder.visibleChanges(plan)) {
      units.add(
          new Unit(
              Kind.CHANGE,
              MarkdownBlocks.row(change),
              MarkdownBlocks.details(change),
              MarkdownBlocks.details(change, false)));
    }
    PlanOrder.drift(plan)
        .forEach(
            d -> {
              String body = MarkdownBlocks.drift(d);
              units.add(new Unit(Kind.DRIFT, "", body, body));
            });
    plan.warnings()
        .forEach(
            w ->
                units.add(
                    new Unit(
                        Kind.WARNING, "", MarkdownBlocks.warning(w), MarkdownBlocks.warning(w))));
    return units;
  }

  /** Greedy packing with room kept for the heading, section heads and the table head. */
  private static List<List<Unit>> pack(Plan plan, List<Unit> units, int maxChars) {
    int overhead =
        MarkdownBlocks.heading(plan, "Part 9999 of 9999").length()
            + MarkdownBlocks.CHANGES_HEAD.length()
            + MarkdownBlocks.TABLE_HEAD.length()
            + 1
            + MarkdownBlocks.DRIFT_HEAD.length()
            + MarkdownBlocks.WARNINGS_HEAD.length();
    List<List<Unit>> groups = new ArrayList<>();
    List<Unit> current = new ArrayList<>();
    int used = overhead + MarkdownBlocks.preamble(plan).length();
    for (Unit whole : units) {
      Unit unit = whole.length() + overhead > maxChars ? whole.compact() : whole;
      // The first part may close with the preamble alone when a large first unit would not fit.
      if ((!current.isEmpty() || groups.isEmpty()) && used + unit.length() > maxChars) {
        groups.add(current);
        current = new ArrayList<>();
        used = overhead;
      }
      current.add(unit);
      used += unit.length();
    }
    groups.add(current);
    return groups;
  }

  private static String part(Plan plan, String label, boolean first, List<Unit> units) {
    StringBuilder out = new StringBuilder(MarkdownBlocks.heading(plan, label));
    if (first) {
      out.append(MarkdownBlocks.preamble(plan));
    }
    List<Unit> changes = units.stream().filter(u -> u.kind() == Kind.CHANGE).toList();
    if (!changes.isEmpty()) {
      out.append(MarkdownBlocks.CHANGES_HEAD).append(MarkdownBlocks.TABLE_HEAD);
      changes.forEach(u -> out.append(u.row()));
      out.append('\n');
      changes.forEach(u -> out.append(u.body()));
    }
    section(out, MarkdownBlocks.DRIFT_HEAD, units, Kind.DRIFT);
    section(out, MarkdownBlocks.WARNINGS_HEAD, units, Kind.WARNING);
    int end = out.length();
    while (end > 1 && out.charAt(end - 1) == '\n' && out.charAt(end - 2) == '\n') {
      end--;
    }
    out.setLength(end);
    return out.toString();
  }

  private static void section(StringBuilder out, String head, List<Unit> units, Kind kind) {
    List<Unit> selected = units.stream().filter(u -> u.kind() == kind).toList();
    if (!selected.isEmpty()) {
      out.append(head);
      selected.forEach(u -> out.append(u.body()));
    }
  }
}
