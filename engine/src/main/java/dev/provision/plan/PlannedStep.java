package dev.provision.plan;

import dev.provision.model.Address;
import java.util.List;

/**
 * One small step of a change, as data: what it does, what must happen first and how to undo it.
 *
 * @param id unique in the plan, e.g. {@code container.backend/start}
 * @param verb what the executor runs, e.g. {@code create-volume}, {@code start-container}
 * @param dependsOn ids of steps that must complete first
 * @param undo a description of the inverse step, or null when there is none (then {@code undoNote}
 *     says why and what to do instead, such as "back up first")
 */
public record PlannedStep(
    String id,
    String verb,
    Address address,
    List<String> dependsOn,
    String description,
    String undo,
    String undoNote) {

  public PlannedStep {
    dependsOn = List.copyOf(dependsOn);
  }

  public boolean reversible() {
    return undo != null;
  }

  /** The same step, waiting for {@code other} steps. */
  public PlannedStep withDependsOn(List<String> other) {
    return new PlannedStep(id, verb, address, other, description, undo, undoNote);
  }
}
