package dev.provision.plan;

import dev.provision.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Compares two attribute maps; the result is sorted by path. Pure. The queries ({@link #touches}
 * and the like) let a {@link DeploymentPolicy} grade a diff.
 */
public final class AttributeDiff {
  private AttributeDiff() {}

  static List<AttributeChange> between(
      SortedMap<String, Value> before, SortedMap<String, Value> after) {
    TreeSet<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    List<AttributeChange> out = new ArrayList<>();
    for (String path : paths) {
      Value b = before.get(path);
      Value a = after.get(path);
      if (b == null || a == null || !b.sameAs(a)) {
        out.add(new AttributeChange(path, b, a));
      }
    }
    return out;
  }

  /** Every attribute as new (for a create) or as removed (for a delete). */
  static List<AttributeChange> all(Map<String, Value> attributes, boolean created) {
    List<AttributeChange> out = new ArrayList<>();
    attributes.forEach(
        (k, v) ->
            out.add(created ? new AttributeChange(k, null, v) : new AttributeChange(k, v, null)));
    return out;
  }

  public static boolean touches(List<AttributeChange> changes, String path) {
    return changes.stream().anyMatch(c -> c.path().equals(path));
  }

  public static boolean touchesPrefix(List<AttributeChange> changes, String prefix) {
    return changes.stream().anyMatch(c -> c.path().startsWith(prefix));
  }

  /** True when the attribute is present on exactly one side (added or removed). */
  public static boolean addedOrRemoved(List<AttributeChange> changes, String path) {
    return changes.stream()
        .anyMatch(c -> c.path().equals(path) && (c.before() == null || c.after() == null));
  }
}
