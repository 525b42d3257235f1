package dev.provision.plan;

import dev.provision.model.Address;
import java.util.List;

/**
 * One small step of a change, as data: what it does (its {@link StepAction}, carrying everything
 * the executor needs), what must happen first and how to undo it.
 *
 * @param id unique in the plan, e.g. {@code container.backend/start}
 * @param action what the executor runs; its {@link StepAction#verb() verb} names it, e.g. {@code
 *     create-volume}
 * @param dependsOn ids of steps that must complete first
 * @param reversal the inverse step, or none with why and what to do instead (such as "back up
 *     first")
 */
public record PlannedStep(
    String id,
    StepAction action,
    Address address,
    List<String> dependsOn,
    String description,
    Undo reversal) {

  public PlannedStep {
    dependsOn = List.copyOf(dependsOn);
    java.util.Objects.requireNonNull(action, "action");
    java.util.Objects.requireNonNull(reversal, "reversal");
  }

  /**
   * A step read back from a saved plan: shown as it was recorded, never executed ({@link
   * StepAction.Recorded}). {@code undo} null means none, then {@code undoNote} says why.
   */
  public static PlannedStep recorded(
      String id,
      String verb,
      Address address,
      List<String> dependsOn,
      String description,
      String undo,
      String undoNote) {
    return new PlannedStep(
        id,
        new StepAction.Recorded(verb),
        address,
        dependsOn,
        description,
        undo != null ? Undo.inverse(undo) : Undo.none(undoNote));
  }

  /** What the executor runs, e.g. {@code create-volume}, {@code start-container}. */
  public String verb() {
    return action.verb();
  }

  /** A description of the inverse step, or null when there is none (see {@link #undoNote()}). */
  public String undo() {
    return reversal instanceof Undo.Inverse i ? i.description() : null;
  }

  /** Why there is no undo and what to do instead; null when there is an undo. */
  public String undoNote() {
    return reversal instanceof Undo.None n ? n.whyAndWhatInstead() : null;
  }

  public boolean reversible() {
    return reversal instanceof Undo.Inverse;
  }

  /** The same step, waiting for {@code other} steps. */
  public PlannedStep withDependsOn(List<String> other) {
    return new PlannedStep(id, action, address, other, description, reversal);
  }
}
