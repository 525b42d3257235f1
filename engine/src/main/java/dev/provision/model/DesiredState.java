package dev.provision.model;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the target must look like: every resource the spec asks for, by address. Compiled from a
 * {@link Spec} by a pure function; immutable.
 */
public record DesiredState(String deployment, SortedMap<Address, Resource> resources) {
  public DesiredState {
    resources = Collections.unmodifiableSortedMap(new TreeMap<>(resources));
  }
}
