package dev.provision.model;

import java.util.SortedMap;
import java.util.TreeMap;

/** A named Docker volume. Holding data, it is never deleted without an explicit request. */
public record VolumeResource(Address address, String name) implements Resource {
  @Override
  public SortedMap<String, Value> attributes() {
    SortedMap<String, Value> map = new TreeMap<>();
    map.put("name", Value.plain(name));
    return map;
  }
}
