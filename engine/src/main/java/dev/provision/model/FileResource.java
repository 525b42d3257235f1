package dev.provision.model;

import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A file the engine writes for the app (such as .env.local): the lines it owns, by key. Other lines
 * in the file belong to the user and are kept.
 */
public record FileResource(Address address, Path path, SortedMap<String, Value> entries)
    implements Resource {
  @Override
  public SortedMap<String, Value> attributes() {
    SortedMap<String, Value> map = new TreeMap<>();
    map.put("path", Value.plain(path.toString()));
    entries.forEach((k, v) -> map.put("entries." + k, v));
    return map;
  }
}
