package dev.provision.engine;

import dev.provision.model.Sensitive;
import dev.provision.plan.ObservedFacts;
import dev.provision.plan.Plan;
import dev.provision.plan.PlanSource;
import dev.provision.plan.SavedPlan;
import java.util.Optional;

/**
 * Makes the {@link SavedPlan} of a live session (what {@code plan --out} writes, and what apply of
 * a plan file makes again to compare), or of a plan made without a target (for review only).
 */
public final class SavedPlans {
  private SavedPlans() {}

  /** The session's plan with its source, target and what was observed there. */
  public static SavedPlan of(LiveSession session, PlanSource source) {
    return SavedPlan.of(
        session.plan(),
        Optional.of(source),
        session.target(),
        PlanFacts.read(session),
        session.desired().sensitive());
  }

  /** A plan made against {@code empty} or another spec: no target, nothing observed. */
  public static SavedPlan offline(Plan plan, PlanSource source, Sensitive sensitive) {
    return SavedPlan.of(plan, Optional.of(source), null, ObservedFacts.none(), sensitive);
  }
}
