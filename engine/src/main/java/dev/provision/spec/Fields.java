package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.Quote;
import dev.provision.diag.SourcePosition;
import dev.provision.model.Value;
import dev.provision.spec.YNode.Entry;
import dev.provision.spec.YNode.Kind;
import dev.provision.spec.YNode.YMap;
import dev.provision.spec.YNode.YScalar;
import java.util.Map;

/**
 * Lenient, path-aware reading of one mapping of the resolved tree for the section readers. The
 * schema has already reported wrong types, so a value of the wrong type reads as its default here
 * instead of being reported twice; an unresolved reference reads as "present but unknown" (null).
 */
final class Fields {
  private final YMap map;
  private final String path;
  private final SourcePosition fallback;
  private final boolean present;
  final Diagnostics diagnostics;

  private Fields(YMap map, String path, SourcePosition fallback, Diagnostics diagnostics) {
    this.present = map != null;
    this.map = map == null ? new YMap(fallback, Map.of()) : map;
    this.path = path;
    this.fallback = fallback;
    this.diagnostics = diagnostics;
  }

  static Fields root(YMap root, Diagnostics diagnostics) {
    return new Fields(root, "", root.position(), diagnostics);
  }

  /** The mapping under a key; an empty one (positioned at this mapping) when absent. */
  Fields child(String key) {
    Entry entry = map.entries().get(key);
    YMap child = entry != null && entry.value() instanceof YMap m ? m : null;
    return new Fields(
        child, path(key), entry != null ? entry.keyPosition() : fallback, diagnostics);
  }

  boolean has(String key) {
    Entry entry = map.entries().get(key);
    return entry != null && !(entry.value() instanceof YScalar s && s.isNull());
  }

  /** True when this mapping was written (not a stand-in for an absent key). */
  boolean present() {
    return present;
  }

  Map<String, Entry> entries() {
    return map.entries();
  }

  YScalar scalar(String key) {
    Entry entry = map.entries().get(key);
    return entry != null && entry.value() instanceof YScalar s ? s : null;
  }

  /**
   * The text of a string value; the default when absent or of another type; null when unresolved.
   */
  String string(String key, String fallbackValue) {
    YScalar s = scalar(key);
    if (s == null || s.kind() == Kind.NULL) {
      return fallbackValue;
    }
    if (s.reported()) {
      return null;
    }
    return s.kind() == Kind.STRING ? s.text() : fallbackValue;
  }

  /**
   * A string value as a {@link Value}, sensitive when it used a reference or when always secret.
   */
  Value value(String key, boolean alwaysSecret) {
    return valueOf(scalar(key), alwaysSecret);
  }

  /**
   * A string scalar as a {@link Value}: sensitive when it used a reference or when always secret,
   * unresolved when it is an offline reference ({@link Kind#OFFLINE}); null for other types.
   */
  static Value valueOf(YScalar s, boolean alwaysSecret) {
    if (s != null && s.kind() == Kind.OFFLINE) {
      return Value.unresolved(s.text(), References.written(s.text()));
    }
    if (s == null || s.kind() != Kind.STRING) {
      return null;
    }
    return new Value(s.text(), s.sensitive() || alwaysSecret);
  }

  long number(String key, long fallbackValue) {
    YScalar s = scalar(key);
    Long value = s != null && s.kind() == Kind.INT ? Scalars.toLong(s.text()) : null;
    return value == null ? fallbackValue : value;
  }

  int integer(String key, int fallbackValue) {
    long value = number(key, fallbackValue);
    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (int) value : fallbackValue;
  }

  boolean bool(String key, boolean fallbackValue) {
    YScalar s = scalar(key);
    return s != null && s.kind() == Kind.BOOL ? Scalars.toBoolean(s.text()) : fallbackValue;
  }

  /** Position of a key's value, else of the key, else of this mapping. */
  SourcePosition at(String key) {
    Entry entry = map.entries().get(key);
    return entry != null ? entry.value().position() : where();
  }

  /** Position of a key, else of this mapping. */
  SourcePosition keyAt(String key) {
    Entry entry = map.entries().get(key);
    return entry != null ? entry.keyPosition() : where();
  }

  /** Where this mapping was written (its key), or where it would be. */
  SourcePosition where() {
    return fallback;
  }

  String path() {
    return path;
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Adds an error at a key's value and returns it for the caller's records. */
  Diagnostic error(String key, String message) {
    return Diagnostic.error(at(key), path(key), message);
  }

  void add(Diagnostic diagnostic) {
    diagnostics.add(diagnostic);
  }

  /** What a "found" line may show for a value: its text unless it is sensitive. */
  String shown(String key) {
    YScalar s = scalar(key);
    if (s == null) {
      return null;
    }
    return s.sensitive() ? Value.MASK : Quote.of(s.text());
  }
}
