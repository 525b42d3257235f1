package dev.provision.plan;

import java.util.Optional;

/**
 * A plan as {@code plan --out} saves it (format 2): the plan, where it came from, the target and
 * what was observed there. Apply makes the plan again and carries it out only when nothing moved
 * (see {@link PlanComparison}). A plan made against {@code empty} or another spec has no source to
 * make it again with a target, and is for review only.
 *
 * @param source empty for a plan read from a format 1 file
 * @param target the target as the driver describes it, null when the plan touched none
 */
public record SavedPlan(
    Plan plan, Optional<PlanSource> source, String target, ObservedFacts observed) {

  /** True when apply may carry out this plan: it was made against a live target. */
  public boolean applicable() {
    return target != null && source.isPresent();
  }
}
