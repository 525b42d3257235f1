package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.Quote;
import dev.provision.diag.SourcePosition;
import dev.provision.spec.YNode.Entry;
import dev.provision.spec.YNode.YList;
import dev.provision.spec.YNode.YMap;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Turns checked text into a {@link YNode} tree using SnakeYAML's compose API (nodes with marks, no
 * object construction). Refuses duplicate keys, non-string keys, nesting deeper than {@link
 * SpecLimits#MAX_DEPTH}, alias bombs and a top level that is not a mapping. Applies merge keys
 * ({@code <<}): keys written in the mapping win over merged ones, earlier sources over later.
 */
final class YamlComposer {
  private final String file;
  private final Diagnostics diagnostics;
  private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
  private MarkingComposer composer;
  private int nodes;

  private YamlComposer(String file, Diagnostics diagnostics) {
    this.file = file;
    this.diagnostics = diagnostics;
  }

  /** The root mapping, or null when errors were added. */
  static YMap compose(String file, String text, Diagnostics diagnostics) {
    return new YamlComposer(file, diagnostics).run(text);
  }

  private YMap run(String text) {
    Node root;
    try {
      LoaderOptions options = options();
      composer =
          new MarkingComposer(
              new DirectiveGuard(new ParserImpl(new StreamReader(new StringReader(text)), options)),
              options);
      root = composer.getSingleNode();
    } catch (DirectiveGuard.Refused e) {
      diagnostics.add(
          Diagnostic.error(at(e.mark()), null, "`%TAG` directives are not supported")
              .withExpected("a plain YAML document without directives")
              .withHint("remove the `%TAG` line and any tags that use it"));
      return null;
    } catch (MarkedYAMLException e) {
      diagnostics.add(malformed(e, text));
      return null;
    } catch (YAMLException e) {
      diagnostics.add(refused(e));
      return null;
    }
    if (root == null) {
      diagnostics.add(
          Diagnostic.error(new SourcePosition(file, 1, 1), null, "the file has no content")
              .withExpected("a YAML mapping with at least `version: 1` and `deployment: NAME`"));
      return null;
    }
    YNode tree;
    try {
      tree = convert(root, 1, null, null);
    } catch (LimitReached e) {
      return null;
    }
    if (!(tree instanceof YMap map)) {
      diagnostics.add(
          Diagnostic.error(tree.position(), null, "the top level is not a mapping")
              .withExpected("a mapping of keys such as `version:` and `deployment:`")
              .withFound(tree.kindWord()));
      return null;
    }
    return map;
  }

  private Diagnostic malformed(MarkedYAMLException e, String text) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String problem = e.getProblem() != null ? e.getProblem() : "the syntax is broken here";
    if (problem.startsWith("found undefined alias")) {
      // The alias name is not shown: it may be a value pasted in the wrong place.
      return Diagnostic.error(mark == null ? null : at(mark), null, "undefined alias")
          .withExpected("an alias `*NAME` to an anchor `&NAME` written earlier in the file")
          .withHint("define the anchor before this place, or quote the value to keep it as text");
    }
    if (String.valueOf(e.getContext()).contains("single document")) {
      return Diagnostic.error(
              mark == null ? null : at(mark), null, "the file holds more than one YAML document")
          .withHint("remove the `---` separator: a spec is one document");
    }
    Diagnostic d =
        Diagnostic.error(
            mark == null ? null : at(mark), null, "malformed YAML: " + Quote.of(problem));
    if (e.getContext() != null) {
      Mark start = e.getContextMark();
      d =
          d.withFound(
              Quote.of(e.getContext())
                  + (start == null
                      ? ""
                      : " that starts at line "
                          + (start.getLine() + 1)
                          + ", column "
                          + (start.getColumn() + 1)));
    }
    String line =
        mark == null
            ? ""
            : text.split("\n", -1)[Math.min(mark.getLine(), text.split("\n", -1).length - 1)];
    if (line.contains("${") && (line.contains("{ ") || line.contains("[") || line.contains("{"))) {
      return d.withHint(
          "inside `{ }` or `[ ]` a reference must be quoted:" + " clientSecret: \"${env:NAME}\"");
    }
    return d.withHint("fix the YAML syntax at this place");
  }

  private Diagnostic refused(YAMLException e) {
    String text = String.valueOf(e.getMessage());
    if (text.contains("aliases")) {
      return Diagnostic.error(
              null,
              null,
              "`"
                  + file
                  + "` uses more than "
                  + SpecLimits.MAX_ALIASES
                  + " aliases to mappings or lists")
          .withHint(
              "write the values out or use fewer anchors; this limit refuses"
                  + " \"billion laughs\" documents");
    }
    return Diagnostic.error(null, null, "`" + file + "` cannot be read as YAML")
        .withFound(Quote.of(text))
        .withHint("check the file is a single YAML document");
  }

  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(SpecLimits.MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(SpecLimits.MAX_DEPTH * 4);
    options.setCodePointLimit(SpecLimits.MAX_FILE_BYTES * 2);
    options.setAllowDuplicateKeys(true);
    options.setProcessComments(false);
    return options;
  }

  /**
   * @param useAt where an alias to this node was written, or null: errors point at the use
   */
  private YNode convert(Node node, int depth, SourcePosition useAt, String path) {
    SourcePosition here = useAt != null ? useAt : at(node.getStartMark());
    if (++nodes > SpecLimits.MAX_NODES) {
      diagnostics.add(
          Diagnostic.error(
                  here,
                  null,
                  "the document expands to more than " + SpecLimits.MAX_NODES + " values")
              .withHint("use fewer aliases and merge keys"));
      throw new LimitReached();
    }
    if (node instanceof ScalarNode scalar) {
      return TagRules.scalar(scalar, here, path, diagnostics);
    }
    if (depth > SpecLimits.MAX_DEPTH) {
      diagnostics.add(
          Diagnostic.error(
                  here, null, "the document nests deeper than " + SpecLimits.MAX_DEPTH + " levels")
              .withHint("a spec needs only a few levels; check the indentation"));
      throw new LimitReached();
    }
    if (!onPath.add(node)) {
      diagnostics.add(
          Diagnostic.error(here, null, "an alias refers to a mapping or list that contains it")
              .withHint("a value cannot include itself; write the values out"));
      throw new LimitReached();
    }
    try {
      TagRules.collection(node, here, path, diagnostics);
      if (node instanceof SequenceNode sequence) {
        List<YNode> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
          items.add(
              convert(
                  item, depth + 1, null, (path == null ? "" : path) + "[" + items.size() + "]"));
        }
        return new YList(here, items);
      }
      return mapping((MappingNode) node, depth, here, path);
    } finally {
      onPath.remove(node);
    }
  }

  private YMap mapping(MappingNode node, int depth, SourcePosition here, String path) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    List<YNode> merges = new ArrayList<>();
    List<NodeTuple> tuples = node.getValue();
    for (int i = 0; i < tuples.size(); i++) {
      NodeTuple tuple = tuples.get(i);
      Node keyNode = tuple.getKeyNode();
      SourcePosition keyAt = at(keyNode.getStartMark());
      Mark use = composer.aliasUse(node, i);
      SourcePosition valueAt = use == null ? null : at(use);
      if (keyNode.getTag().equals(Tag.MERGE)) {
        merges.add(convert(tuple.getValueNode(), depth + 1, valueAt, path));
        continue;
      }
      if (keyNode instanceof ScalarNode keyScalar && !TagRules.key(keyScalar, keyAt, diagnostics)) {
        continue;
      }
      if (!(keyNode instanceof ScalarNode keyScalar)) {
        diagnostics.add(
            Diagnostic.error(keyAt, null, "a key is not a plain word")
                .withExpected("a string key")
                .withFound(keyNode instanceof MappingNode ? "a mapping" : "a list"));
        continue;
      }
      String key = keyScalar.getValue();
      YNode value =
          convert(tuple.getValueNode(), depth + 1, valueAt, path == null ? key : path + "." + key);
      Entry first = entries.get(key);
      if (first != null) {
        diagnostics.add(
            Diagnostic.error(keyAt, null, "duplicate key `" + Quote.of(key) + "`")
                .withFound(
                    "first written at line "
                        + first.keyPosition().line()
                        + ", column "
                        + first.keyPosition().column())
                .withHint("keep one of them; YAML keys must be unique in a mapping"));
        continue;
      }
      entries.put(key, new Entry(keyAt, value));
    }
    for (YNode merge : merges) {
      mergeInto(entries, merge);
    }
    return new YMap(here, entries);
  }

  private void mergeInto(Map<String, Entry> entries, YNode source) {
    if (source instanceof YMap map) {
      map.entries().forEach(entries::putIfAbsent);
    } else if (source instanceof YList list) {
      for (YNode item : list.items()) {
        mergeInto(entries, item);
      }
    } else {
      diagnostics.add(
          Diagnostic.error(source.position(), null, "a merge key `<<` needs a mapping")
              .withExpected("an alias to a mapping, such as `<<: *defaults`")
              .withFound(source.kindWord()));
    }
  }

  SourcePosition at(Mark mark) {
    return new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** Stops conversion once a limit is reported; never escapes this class. */
  private static final class LimitReached extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LimitReached() {
      super(null, null, false, false);
    }
  }
}
