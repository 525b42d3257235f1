package dev.provision.model;

import java.util.SortedMap;

/**
 * One thing the engine owns on a target, as desired or as observed. {@link #attributes()} flattens
 * it into attribute paths (such as {@code image} or {@code env.RUST_LOG}) and values, which is what
 * the planner compares and what a plan shows.
 */
public sealed interface Resource
    permits NetworkResource,
        VolumeResource,
        ContainerResource,
        DatabaseResource,
        EnvVarResource,
        SecretResource,
        FileResource {

  Address address();

  SortedMap<String, Value> attributes();
}
