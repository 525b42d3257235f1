package dev.provision.spec;

import dev.provision.diag.SourcePosition;
import dev.provision.spec.YNode.Entry;
import dev.provision.spec.YNode.YMap;
import dev.provision.spec.YNode.YScalar;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The overlay merge rule: mappings merge key by key, recursively; a scalar or list in the overlay
 * replaces the base's value whole; an explicit {@code null} in the overlay removes the key. Every
 * value keeps the position of the file it came from. Pure.
 */
final class TreeMerge {
  private TreeMerge() {}

  static YMap merge(YMap base, YMap overlay) {
    Map<String, Entry> entries = new LinkedHashMap<>(base.entries());
    Map<String, SourcePosition> removed = new LinkedHashMap<>(base.removed());
    removed.putAll(overlay.removed());
    overlay
        .entries()
        .forEach(
            (key, entry) -> {
              Entry old = entries.get(key);
              if (entry.value() instanceof YScalar scalar && scalar.isNull()) {
                entries.remove(key);
                removed.put(key, entry.keyPosition());
              } else if (old != null
                  && old.value() instanceof YMap oldMap
                  && entry.value() instanceof YMap newMap) {
                removed.remove(key);
                entries.put(key, new Entry(entry.keyPosition(), merge(oldMap, newMap)));
              } else {
                removed.remove(key);
                entries.put(key, entry);
              }
            });
    return new YMap(overlay.position(), entries, removed);
  }
}
