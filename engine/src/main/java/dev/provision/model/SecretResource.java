package dev.provision.model;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A secret the engine keeps (instance secret, Postgres password, JWT key): its value lives in the
 * secrets file and is always sensitive.
 */
public record SecretResource(SecretKind kind, Value value) implements Resource {
  @Override
  public Address address() {
    return kind.address();
  }

  @Override
  public SortedMap<String, Value> attributes() {
    SortedMap<String, Value> map = new TreeMap<>();
    map.put("value", value.asSensitive());
    return map;
  }
}
