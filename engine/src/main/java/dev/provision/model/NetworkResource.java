package dev.provision.model;

import java.util.SortedMap;
import java.util.TreeMap;

/** A private bridge network for one deployment's containers. */
public record NetworkResource(Address address, String name) implements Resource {
  @Override
  public SortedMap<String, Value> attributes() {
    SortedMap<String, Value> map = new TreeMap<>();
    map.put("name", Value.plain(name));
    return map;
  }
}
