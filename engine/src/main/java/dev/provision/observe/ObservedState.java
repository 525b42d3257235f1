package dev.provision.observe;

import dev.provision.model.Address;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a target holds for one deployment, as a driver read it (or as an older spec would have left
 * it, when planning one spec against another). Immutable.
 */
public record ObservedState(String deployment, SortedMap<Address, ObservedResource> resources) {
  public ObservedState {
    resources = Collections.unmodifiableSortedMap(new TreeMap<>(resources));
  }

  public static ObservedState empty(String deployment) {
    return new ObservedState(deployment, new TreeMap<>());
  }
}
