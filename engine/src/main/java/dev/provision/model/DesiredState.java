package dev.provision.model;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the target must look like: every resource the spec asks for, by address. Compiled from a
 * {@link Spec} by a pure function; immutable.
 *
 * @param sensitive the spec's texts that must never be shown; an attribute that contains one is
 *     displayed masked even when its resource holds it as a plain string (an image, a host)
 */
public record DesiredState(
    String deployment, SortedMap<Address, Resource> resources, Sensitive sensitive) {
  public DesiredState {
    resources = Collections.unmodifiableSortedMap(new TreeMap<>(resources));
    sensitive = sensitive == null ? Sensitive.NONE : sensitive;
  }

  /** A desired state whose spec read nothing through a reference. */
  public DesiredState(String deployment, SortedMap<Address, Resource> resources) {
    this(deployment, resources, Sensitive.NONE);
  }
}
