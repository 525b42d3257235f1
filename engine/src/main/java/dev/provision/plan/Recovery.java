package dev.provision.plan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The part of a plan that deals with an interrupted apply found on the target: who it was, where it
 * stopped, and what apply does first to undo (or, for a backend image upgrade, finish) the
 * container replaces it left half-done. Every other change runs after these actions. What the
 * interrupted apply completed that is harmless (networks, volumes, stored secrets, env vars, the
 * database) is not undone: the rest of the plan converges from there.
 *
 * @param applyId the interrupted apply's id, empty when unknown
 * @param at when it was last known alive, empty when its lock is gone
 * @param step the step it was at
 * @param holder who ran it
 */
public record Recovery(
    Optional<String> applyId,
    Optional<Instant> at,
    Optional<String> step,
    Optional<String> holder,
    List<RecoveryAction> actions) {

  public Recovery {
    actions = List.copyOf(actions);
  }

  /** The steps to run first, in order. */
  public List<PlannedStep> steps() {
    return actions.stream().map(RecoveryAction::step).toList();
  }

  /** One line for plan and status: {@code An apply was interrupted at T (STEP): ...}. */
  public String headline() {
    String when =
        "An apply was interrupted"
            + at.map(t -> " at " + t).orElse("")
            + " ("
            + step.orElse(at.isPresent() ? "before its first step" : "its lock is gone")
            + ")";
    if (actions.isEmpty()) {
      return when + ": nothing was left half-done; the changes below finish its work.";
    }
    boolean finishing =
        actions.stream().allMatch(a -> a.direction() == RecoveryAction.Direction.FINISH);
    return when + (finishing ? ": apply will first finish:" : ": apply will first put back:");
  }
}
