package dev.provision.plan;

import dev.provision.model.Sensitive;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A plan as {@code plan --out} saves it (format 2): the plan, where it came from, the target, what
 * was observed there and each change's typed sides. Apply makes the plan again and carries it out
 * only when nothing moved (see {@link PlanComparison}). A plan made against {@code empty} or
 * another spec has no target, and is for review only.
 *
 * @param source empty for a plan read from a format 1 file
 * @param target the target as the driver describes it, null when the plan touched none
 * @param sides by change address: the resource before and after, as written in the file
 */
public record SavedPlan(
    Plan plan,
    Optional<PlanSource> source,
    String target,
    ObservedFacts observed,
    SortedMap<String, ResourceView.Sides> sides) {

  public SavedPlan {
    sides = Collections.unmodifiableSortedMap(new TreeMap<>(sides));
  }

  /** A saved plan whose sides come from the plan's typed changes. */
  public static SavedPlan of(
      Plan plan, Optional<PlanSource> source, String target, ObservedFacts observed) {
    return of(plan, source, target, observed, Sensitive.NONE);
  }

  /** A saved plan whose sides come from the plan's typed changes, the spec's secrets masked. */
  public static SavedPlan of(
      Plan plan,
      Optional<PlanSource> source,
      String target,
      ObservedFacts observed,
      Sensitive sensitive) {
    SortedMap<String, ResourceView.Sides> sides = new TreeMap<>();
    plan.changes()
        .forEach(c -> sides.put(c.address().toString(), ResourceView.Sides.of(c, sensitive)));
    return new SavedPlan(plan, source, target, observed, sides);
  }

  /** A plan read from a format 1 file: nothing but the plan. */
  public static SavedPlan v1(Plan plan) {
    return new SavedPlan(plan, Optional.empty(), null, ObservedFacts.none(), new TreeMap<>());
  }

  /** The sides of the change at {@code address}, none when not recorded. */
  public ResourceView.Sides sidesOf(String address) {
    return sides.getOrDefault(address, ResourceView.Sides.NONE);
  }

  /** True when apply may carry out this plan: it was made against a live target. */
  public boolean applicable() {
    return target != null && source.isPresent();
  }
}
