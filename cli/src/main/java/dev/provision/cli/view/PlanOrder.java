package dev.provision.cli.view;

import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Change;
import dev.provision.plan.Drift;
import dev.provision.plan.Plan;
import dev.provision.plan.Risk;
import java.util.Comparator;
import java.util.List;

/**
 * The one ordering every view uses, so that the same plan always renders the same bytes: changes
 * and drift by address, attributes by path. Not a place for presentation decisions.
 */
final class PlanOrder {
  private PlanOrder() {}

  /** Every change, no-ops included, sorted by address (what the JSON view writes). */
  static List<Change> allChanges(Plan plan) {
    return plan.changes().stream().sorted(Comparator.comparing(Change::address)).toList();
  }

  /** The changes a person needs to see: no-ops left out, sorted by address. */
  static List<Change> visibleChanges(Plan plan) {
    return allChanges(plan).stream().filter(c -> c.action() != Action.NO_OP).toList();
  }

  static List<Drift> drift(Plan plan) {
    return plan.drift().stream().sorted(Comparator.comparing(Drift::address)).toList();
  }

  static List<AttributeChange> attributes(List<AttributeChange> attributes) {
    return attributes.stream().sorted(Comparator.comparing(AttributeChange::path)).toList();
  }

  /** True for the risks that earn a banner: data is lost or the engine cannot undo it. */
  static boolean dangerous(Risk risk) {
    return risk == Risk.DATA_LOSS || risk == Risk.IRREVERSIBLE;
  }

  /** The visible changes that earn a banner, in address order. */
  static List<Change> dangerousChanges(Plan plan) {
    return visibleChanges(plan).stream().filter(c -> dangerous(c.risk())).toList();
  }
}
