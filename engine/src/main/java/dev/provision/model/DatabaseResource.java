package dev.provision.model;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Postgres database that must exist before the backend starts (the backend does not create it).
 *
 * @param server where it lives: {@code managed} (the engine's container) or the external {@code
 *     host:port}; in an offline plan whose database url reference is unset, the url as written
 * @param name the database name: the instance name with '-' replaced by '_'
 * @param serverFrom empty, or the references of that unset url (the server then reads {@code
 *     (sensitive, from env NAME)})
 */
public record DatabaseResource(
    Address address, String server, String name, List<Reference> serverFrom) implements Resource {
  public DatabaseResource {
    serverFrom = List.copyOf(serverFrom);
  }

  public DatabaseResource(Address address, String server, String name) {
    this(address, server, name, List.of());
  }

  @Override
  public SortedMap<String, Value> attributes() {
    SortedMap<String, Value> map = new TreeMap<>();
    map.put(
        "server",
        serverFrom.isEmpty() ? Value.plain(server) : Value.unresolved(server, serverFrom));
    map.put("name", Value.plain(name));
    return map;
  }
}
