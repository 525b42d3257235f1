package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourcePosition;
import dev.provision.spec.YNode.Entry;
import dev.provision.spec.YNode.Kind;
import dev.provision.spec.YNode.YList;
import dev.provision.spec.YNode.YMap;
import dev.provision.spec.YNode.YScalar;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
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
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns checked text into a {@link YNode} tree using SnakeYAML's compose API (nodes with marks, no
 * object construction). Refuses duplicate keys, non-string keys, nesting deeper than {@link
 * SpecLimits#MAX_DEPTH}, alias bombs and a top level that is not a mapping. Applies merge keys
 * ({@code <<}): keys written in the mapping win over merged ones, earlier sources over later.
 */
final class YamlComposer {
  private final String file;
  private final Diagnostics diagnostics;
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
      root =
          new Composer(
                  new ParserImpl(new StreamReader(new StringReader(text)), options),
                  new Resolver(),
                  options)
              .getSingleNode();
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
      tree = convert(root, 1);
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
    if (String.valueOf(e.getContext()).contains("single document")) {
      return Diagnostic.error(
              mark == null ? null : at(mark), null, "the file holds more than one YAML document")
          .withHint("remove the `---` separator: a spec is one document");
    }
    Diagnostic d =
        Diagnostic.error(mark == null ? null : at(mark), null, "malformed YAML: " + problem);
    if (e.getContext() != null) {
      Mark start = e.getContextMark();
      d =
          d.withFound(
              e.getContext()
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
        .withFound(text)
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

  private YNode convert(Node node, int depth) {
    if (++nodes > SpecLimits.MAX_NODES) {
      diagnostics.add(
          Diagnostic.error(
                  at(node.getStartMark()),
                  null,
                  "the document expands to more than " + SpecLimits.MAX_NODES + " values")
              .withHint("use fewer aliases and merge keys"));
      throw new LimitReached();
    }
    if (depth > SpecLimits.MAX_DEPTH && !(node instanceof ScalarNode)) {
      diagnostics.add(
          Diagnostic.error(
                  at(node.getStartMark()),
                  null,
                  "the document nests deeper than " + SpecLimits.MAX_DEPTH + " levels")
              .withHint("a spec needs only a few levels; check the indentation"));
      throw new LimitReached();
    }
    if (node instanceof ScalarNode scalar) {
      return new YScalar(at(node.getStartMark()), scalar.getValue(), kind(scalar), false);
    }
    if (node instanceof SequenceNode sequence) {
      List<YNode> items = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        items.add(convert(item, depth + 1));
      }
      return new YList(at(node.getStartMark()), items);
    }
    return mapping((MappingNode) node, depth);
  }

  private YMap mapping(MappingNode node, int depth) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    List<YNode> merges = new ArrayList<>();
    for (NodeTuple tuple : node.getValue()) {
      Node keyNode = tuple.getKeyNode();
      SourcePosition keyAt = at(keyNode.getStartMark());
      if (keyNode.getTag().equals(Tag.MERGE)) {
        merges.add(convert(tuple.getValueNode(), depth + 1));
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
      YNode value = convert(tuple.getValueNode(), depth + 1);
      Entry first = entries.get(key);
      if (first != null) {
        diagnostics.add(
            Diagnostic.error(keyAt, null, "duplicate key `" + key + "`")
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
    return new YMap(at(node.getStartMark()), entries);
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

  private static Kind kind(ScalarNode scalar) {
    Tag tag = scalar.getTag();
    if (tag.equals(Tag.INT)) {
      return Kind.INT;
    }
    if (tag.equals(Tag.FLOAT)) {
      return Kind.FLOAT;
    }
    if (tag.equals(Tag.BOOL)) {
      return Kind.BOOL;
    }
    if (tag.equals(Tag.NULL)) {
      return Kind.NULL;
    }
    return Kind.STRING;
  }

  private SourcePosition at(Mark mark) {
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
