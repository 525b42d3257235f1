package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.Quote;
import dev.provision.diag.SourcePosition;
import dev.provision.spec.YNode.Entry;
import dev.provision.spec.YNode.Kind;
import dev.provision.spec.YNode.YMap;
import dev.provision.spec.YNode.YScalar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a spec file and, through {@code extends:}, the chain of files it is an overlay on, and
 * merges them base first with {@link TreeMerge}. Detects cycles and over-long chains. The merged
 * tree has no {@code extends} key.
 */
final class OverlayLoader {
  private final Diagnostics diagnostics;
  private final List<Path> files = new ArrayList<>();

  OverlayLoader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** The files read so far, the spec first, then each base file it extends. */
  List<Path> files() {
    return List.copyOf(files);
  }

  /** The merged tree, or null when errors were added. */
  YMap load(Path file) {
    return load(file, new ArrayList<>(), null);
  }

  private YMap load(Path file, List<Path> chain, SourcePosition referredAt) {
    Path key = file.toAbsolutePath().normalize();
    if (chain.contains(key) || chain.size() >= SpecLimits.MAX_OVERLAYS) {
      String names =
          chain.stream()
              .map(Path::getFileName)
              .map(Path::toString)
              .collect(Collectors.joining(" -> "));
      diagnostics.add(
          Diagnostic.error(
                  referredAt,
                  "extends",
                  chain.contains(key) ? "`extends` makes a cycle" : "`extends` chain is too long")
              .withFound(names + " -> " + file.getFileName())
              .withHint(
                  chain.contains(key)
                      ? "a file must not extend itself, directly or through other files"
                      : "at most " + SpecLimits.MAX_OVERLAYS + " files may be chained"));
      return null;
    }
    SourceText.Result text = SourceText.read(file, referredAt == null ? "spec file" : "base file");
    if (text.problems() != null) {
      for (Diagnostic d : text.problems()) {
        diagnostics.add(
            d.position() == null && referredAt != null
                ? new Diagnostic(
                    d.severity(),
                    referredAt,
                    "extends",
                    d.message(),
                    d.expected(),
                    d.found(),
                    d.hint())
                : d);
      }
      return null;
    }
    files.add(file);
    Diagnostics composed = new Diagnostics();
    YMap tree = YamlComposer.compose(file.toString(), text.text(), composed);
    if (referredAt != null && !looksLikeSpec(tree, text.text())) {
      // Quote nothing from it: `extends: /etc/shadow` must not print the file line by line.
      diagnostics.add(
          Diagnostic.error(
                  referredAt,
                  "extends",
                  "base file `" + Quote.of(file.toString()) + "` is not a provision spec")
              .withExpected("a YAML mapping with spec keys such as `version:` and `deployment:`")
              .withHint("`extends` names another spec file, relative to this one"));
      return null;
    }
    diagnostics.addAll(composed.all());
    if (tree == null) {
      return null;
    }
    Entry extendsEntry = tree.entries().get("extends");
    if (extendsEntry == null) {
      return tree;
    }
    YMap own = without(tree, "extends");
    if (!(extendsEntry.value() instanceof YScalar ref)
        || ref.kind() != Kind.STRING
        || ref.text().isBlank()) {
      diagnostics.add(
          Diagnostic.error(
                  extendsEntry.value().position(), "extends", "`extends` must name a base file")
              .withExpected("a path relative to this file, such as ./base.yaml")
              .withFound(extendsEntry.value().kindWord()));
      return null;
    }
    if (ref.text().contains("${")) {
      diagnostics.add(
          Diagnostic.error(ref.position(), "extends", "`extends` does not expand references")
              .withExpected("the path of the base file, written out, such as ./base.yaml")
              .withHint(
                  "`${env:}` and `${file:}` are resolved in values only, never in `extends`"));
      return null;
    }
    chain.add(key);
    Path baseFile;
    try {
      baseFile = file.resolveSibling(ref.text()).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      diagnostics.add(
          Diagnostic.error(ref.position(), "extends", "`extends` is not a usable path")
              .withExpected("a path relative to this file, such as ./base.yaml"));
      return null;
    }
    YMap base = load(baseFile, chain, ref.position());
    return base == null ? null : TreeMerge.merge(base, own);
  }

  /**
   * True when a base file is a spec or an overlay: a mapping with at least one top-level spec key,
   * or, when it does not parse, a text with such a key at the start of a line (a spec with a typo).
   */
  private static boolean looksLikeSpec(YMap tree, String text) {
    List<String> keys = new ArrayList<>(SchemaIndex.keys(List.of()));
    keys.add("extends");
    if (tree != null) {
      return tree.entries().keySet().stream().anyMatch(keys::contains);
    }
    for (String line : text.split("\n", -1)) {
      for (String k : keys) {
        if (line.startsWith(k + ":")) {
          return true;
        }
      }
    }
    return false;
  }

  private static YMap without(YMap map, String key) {
    Map<String, Entry> entries = new LinkedHashMap<>(map.entries());
    entries.remove(key);
    return new YMap(map.position(), entries);
  }
}
