package dev.provision.spec;

import dev.provision.diag.SourcePosition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec as a small immutable tree that remembers where every value was written, so that any
 * later check can point at {@code file:line:col}. Built from SnakeYAML's node tree; aliases are
 * already expanded and merge keys applied. Not a general YAML model: keys are always strings.
 */
sealed interface YNode permits YNode.YMap, YNode.YList, YNode.YScalar {

  SourcePosition position();

  /** A word for the kind of node, as shown to users in "found" lines. */
  String kindWord();

  /** One key of a mapping: where the key was written and its value. */
  record Entry(SourcePosition keyPosition, YNode value) {}

  /**
   * A mapping in source order.
   *
   * @param removed keys an overlay's {@code null} or an empty {@code --set} removed, with where the
   *     removal was written, so that "missing required key" points at it
   */
  record YMap(
      SourcePosition position, Map<String, Entry> entries, Map<String, SourcePosition> removed)
      implements YNode {
    public YMap {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
      removed = Collections.unmodifiableMap(new LinkedHashMap<>(removed));
    }

    YMap(SourcePosition position, Map<String, Entry> entries) {
      this(position, entries, Map.of());
    }

    YNode get(String key) {
      Entry entry = entries.get(key);
      return entry == null ? null : entry.value();
    }

    @Override
    public String kindWord() {
      return "a mapping";
    }
  }

  /** A sequence. The spec has no lists; they only appear in user mistakes. */
  record YList(SourcePosition position, List<YNode> items) implements YNode {
    public YList {
      items = List.copyOf(items);
    }

    @Override
    public String kindWord() {
      return "a list";
    }
  }

  /**
   * A scalar with its resolved YAML type.
   *
   * @param sensitive true when the text came from a {@code ${env:}} or {@code ${file:}} reference
   */
  record YScalar(SourcePosition position, String text, Kind kind, boolean sensitive)
      implements YNode {

    boolean isNull() {
      return kind == Kind.NULL;
    }

    /**
     * True when the value is unknown: a problem with it was already reported, or it is a reference
     * an offline plan leaves unresolved ({@link Kind#OFFLINE}), so no check may judge its text.
     */
    boolean reported() {
      return kind == Kind.UNRESOLVED || kind == Kind.INVALID || kind == Kind.OFFLINE;
    }

    @Override
    public String kindWord() {
      return kind.word;
    }
  }

  /** The YAML core types a plain scalar resolves to; quoted scalars are always strings. */
  enum Kind {
    STRING("a string"),
    INT("an integer"),
    FLOAT("a number"),
    BOOL("a boolean"),
    NULL("null"),
    /** A string whose {@code ${...}} reference could not be resolved (already reported). */
    UNRESOLVED("an unresolved reference"),
    /** A value that breaks the scalar rules ({@link TagRules}), already reported. */
    INVALID("a value of the wrong type"),
    /**
     * A string with a reference an offline plan does not resolve (see {@link OfflineFields}); its
     * text is the string as written, references included.
     */
    OFFLINE("a reference resolved only when applied");

    final String word;

    Kind(String word) {
      this.word = word;
    }
  }
}
