package dev.provision.live;

import dev.provision.model.Address;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a target holds for one deployment, as a driver read it (or as an older spec would have left
 * it, when planning one spec against another). Immutable.
 *
 * @param interrupted an apply that stopped half-way, found on the target (see {@link
 *     Interruptions}); the planner puts back what it left half-done before converging
 */
public record ObservedState(
    String deployment,
    SortedMap<Address, ObservedResource> resources,
    Optional<Interrupted> interrupted) {
  public ObservedState {
    resources = Collections.unmodifiableSortedMap(new TreeMap<>(resources));
  }

  /** A state with no interrupted apply found. */
  public ObservedState(String deployment, SortedMap<Address, ObservedResource> resources) {
    this(deployment, resources, Optional.empty());
  }

  /** The same state, with the interrupted apply found on the target. */
  public ObservedState with(Optional<Interrupted> found) {
    return new ObservedState(deployment, resources, found);
  }

  public static ObservedState empty(String deployment) {
    return new ObservedState(deployment, new TreeMap<>());
  }
}
