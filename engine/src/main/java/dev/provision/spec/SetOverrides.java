package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourcePosition;
import dev.provision.spec.YNode.Entry;
import dev.provision.spec.YNode.Kind;
import dev.provision.spec.YNode.YMap;
import dev.provision.spec.YNode.YScalar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code --set PATH=VALUE} overrides after overlays. PATH is dotted keys ({@code
 * backend.image}, {@code env.FOO}); missing mappings on the way are created. VALUE is one YAML
 * scalar, so {@code true} and {@code 42} are typed and {@code '"on"'} stays text; an empty VALUE or
 * {@code null} removes the key, as in overlays. Positions use the pseudo-file {@code --set}: line =
 * the 1-based index of the override, column = the place in its text. A malformed override is
 * reported without its value, which may be a secret.
 */
final class SetOverrides {
  static final String FILE = "--set";

  private SetOverrides() {}

  static YMap apply(YMap root, List<String> sets, Diagnostics diagnostics) {
    YMap result = root;
    for (int i = 0; i < sets.size(); i++) {
      YMap next = applyOne(result, sets.get(i), i + 1, diagnostics);
      if (next != null) {
        result = next;
      }
    }
    return result;
  }

  private static YMap applyOne(YMap root, String set, int line, Diagnostics diagnostics) {
    int eq = set.indexOf('=');
    if (eq <= 0) {
      diagnostics.add(
          Diagnostic.error(
                  new SourcePosition(FILE, line, 1),
                  null,
                  eq == 0 ? "--set has no path before `=`" : "--set has no `=`")
              .withExpected(
                  "PATH=VALUE, such as backend.image=ghcr.io/get-convex/convex-backend:<sha>"));
      return null;
    }
    String path = set.substring(0, eq);
    String[] keys = path.split("\\.", -1);
    int column = 1;
    for (String key : keys) {
      if (key.isBlank() || !key.equals(key.strip())) {
        diagnostics.add(
            Diagnostic.error(
                    new SourcePosition(FILE, line, column),
                    path,
                    "--set path has an empty or padded key")
                .withExpected("keys joined by `.`, such as dashboard.enabled"));
        return null;
      }
      column += key.length() + 1;
    }
    if (keys.length > SpecLimits.MAX_DEPTH) {
      int at = 1;
      for (int k = 0; k < SpecLimits.MAX_DEPTH; k++) {
        at += keys[k].length() + 1;
      }
      diagnostics.add(
          Diagnostic.error(
                  new SourcePosition(FILE, line, at),
                  null,
                  "--set path nests deeper than " + SpecLimits.MAX_DEPTH + " levels")
              .withExpected("at most " + SpecLimits.MAX_DEPTH + " keys joined by `.`")
              .withHint("a spec needs only a few levels; check the path"));
      return null;
    }
    if (keys[0].equals("extends")) {
      diagnostics.add(
          Diagnostic.error(new SourcePosition(FILE, line, 1), path, "--set cannot change `extends`")
              .withHint("overlays are chosen by the spec file named on the command line"));
      return null;
    }
    SourcePosition valueAt = new SourcePosition(FILE, line, eq + 2);
    Diagnostics problems = new Diagnostics();
    YScalar value = scalar(set.substring(eq + 1), valueAt, problems);
    if (!problems.all().isEmpty()) {
      problems.all().forEach(d -> diagnostics.add(moved(d, valueAt, path)));
      return null;
    }
    if (value == null) {
      diagnostics.add(
          Diagnostic.error(valueAt, path, "--set value is not a single YAML value")
              .withExpected("a string, number, boolean or null")
              .withHint("quote the value to keep it as text"));
      return null;
    }
    return put(root, keys, 0, value, path, line, diagnostics);
  }

  private static YMap put(
      YMap map,
      String[] keys,
      int index,
      YScalar value,
      String path,
      int line,
      Diagnostics diagnostics) {
    Map<String, Entry> entries = new LinkedHashMap<>(map.entries());
    String key = keys[index];
    SourcePosition keyAt = new SourcePosition(FILE, line, 1);
    if (index == keys.length - 1) {
      Map<String, SourcePosition> removed = new LinkedHashMap<>(map.removed());
      if (value.isNull()) {
        entries.remove(key);
        removed.put(key, keyAt);
      } else {
        entries.put(key, new Entry(keyAt, value));
        removed.remove(key);
      }
      return new YMap(map.position(), entries, removed);
    }
    Entry old = entries.get(key);
    YMap child;
    if (old == null || (old.value() instanceof YScalar s && s.isNull())) {
      child = new YMap(keyAt, Map.of());
    } else if (old.value() instanceof YMap existing) {
      child = existing;
    } else {
      String prefix = String.join(".", java.util.Arrays.copyOf(keys, index + 1));
      diagnostics.add(
          Diagnostic.error(keyAt, path, "--set cannot go inside `" + prefix + "`")
              .withExpected("`" + prefix + "` to be a mapping")
              .withFound(old.value().kindWord()));
      return null;
    }
    YMap updated = put(child, keys, index + 1, value, path, line, diagnostics);
    if (updated == null) {
      return null;
    }
    entries.put(key, new Entry(old == null ? keyAt : old.keyPosition(), updated));
    return new YMap(map.position(), entries, map.removed());
  }

  /**
   * The value as one YAML scalar under the file's scalar rules ({@link TagRules}), or null when it
   * is not one. There are no comments: a {@code #} is part of the value.
   */
  private static YScalar scalar(String text, SourcePosition at, Diagnostics problems) {
    if (text.isEmpty()) {
      return new YScalar(at, "", Kind.NULL, false);
    }
    if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      return null;
    }
    boolean quoted = text.startsWith("\"") || text.startsWith("'");
    if (!quoted && hasCommentStart(text)) {
      // Plain text with `#` after a space: YAML would drop the rest as a comment.
      return INDICATORS.indexOf(text.charAt(0)) >= 0
          ? null
          : new YScalar(at, text, Kind.STRING, false);
    }
    if (quoted && !text.endsWith(text.substring(0, 1))) {
      return null;
    }
    Diagnostics own = new Diagnostics();
    YNode.YMap wrapper = YamlComposer.compose(FILE, "v: " + text, own);
    if (wrapper != null) {
      problems.addAll(own.all());
    }
    if (wrapper == null
        || wrapper.entries().size() != 1
        || !(wrapper.get("v") instanceof YScalar parsed)) {
      return null;
    }
    return new YScalar(at, parsed.text(), parsed.kind(), false);
  }

  private static final String INDICATORS = "[]{}!&*|>%@`,?:-";

  private static boolean hasCommentStart(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
        return true;
      }
    }
    return false;
  }

  /** A problem found in the wrapped value, placed in the {@code --set} (the wrapper adds 3). */
  private static Diagnostic moved(Diagnostic d, SourcePosition valueAt, String path) {
    SourcePosition p = d.position();
    SourcePosition at =
        p == null || p.line() != 1
            ? valueAt
            : new SourcePosition(
                FILE, valueAt.line(), valueAt.column() + Math.max(0, p.column() - 4));
    return new Diagnostic(d.severity(), at, path, d.message(), d.expected(), d.found(), d.hint());
  }
}
