package dev.provision.model;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One deployment env var, set through the backend's admin API (what {@code npx convex env set}
 * does).
 */
public record EnvVarResource(Address address, String name, Value value) implements Resource {
  @Override
  public SortedMap<String, Value> attributes() {
    SortedMap<String, Value> map = new TreeMap<>();
    map.put("value", value);
    return map;
  }
}
