package dev.provision.cli.view;

import dev.provision.plan.Change;
import dev.provision.plan.Consequence;
import java.util.List;

/**
 * How the text and Markdown views word a change's consequences: one consequence fits on the risk
 * line ({@code irreversible — what; what to do}); several are listed one per line, each with its
 * own risk ({@code - data-loss: what; what to do}), highest first. The banner lists the ones that
 * lose data or cannot be undone. Layout only: the words come from the plan.
 */
final class ConsequenceText {
  private ConsequenceText() {}

  /** The consequences that earn a banner line: data loss or no way back. */
  static List<Consequence> dangerous(Change change) {
    return change.consequences().stream().filter(c -> PlanOrder.dangerous(c.risk())).toList();
  }

  /** {@code risk: what; what to do}: one entry of a list. */
  static String item(Consequence c) {
    return c.risk().word() + ": " + c.text();
  }

  /**
   * The one consequence shown on the same line as the risk, or null when there is none or several.
   */
  static Consequence single(List<Consequence> list) {
    return list.size() == 1 ? list.get(0) : null;
  }
}
