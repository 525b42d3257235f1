package dev.provision.model;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Postgres database that must exist before the backend starts (the backend does not create it).
 *
 * @param server where it lives: {@code managed} (the engine's container) or the external {@code
 *     host:port}
 * @param name the database name: the instance name with '-' replaced by '_'
 */
public record DatabaseResource(Address address, String server, String name) implements Resource {
  @Override
  public SortedMap<String, Value> attributes() {
    SortedMap<String, Value> map = new TreeMap<>();
    map.put("server", Value.plain(server));
    map.put("name", Value.plain(name));
    return map;
  }
}
