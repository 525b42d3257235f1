package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.Quote;
import dev.provision.diag.SourcePosition;
import dev.provision.spec.YNode.Kind;
import dev.provision.spec.YNode.YScalar;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The scalar rules of a spec, the same for files and {@code --set}: only the standard tags {@code
 * !!str}, {@code !!int}, {@code !!bool}, {@code !!null}, {@code !!map} and {@code !!seq}; a tagged
 * value must be written as its tag says ({@code !!bool maybe} is an error, not false); integers fit
 * in 64 bits; no field takes a decimal number, so {@code 4000.0}, {@code 1e6} and {@code .nan} are
 * errors. A value that breaks a rule is reported here, at its position, and becomes {@link
 * Kind#INVALID} so no later check reports it again or reads a default in its place.
 */
final class TagRules {
  private static final Resolver RESOLVER = new Resolver();
  private static final String STANDARD = "tag:yaml.org,2002:";

  private TagRules() {}

  /** The scalar as a typed {@link YScalar}, or an invalid one after reporting why. */
  static YScalar scalar(ScalarNode node, SourcePosition at, String path, Diagnostics diagnostics) {
    Tag tag = node.getTag();
    String text = node.getValue();
    if (tag.equals(Tag.STR)
        || (tag.equals(Tag.TIMESTAMP) || tag.equals(Tag.MERGE)) && plain(text).equals(tag)) {
      return new YScalar(at, text, Kind.STRING, false);
    }
    if (tag.equals(Tag.NULL) && plain(text).equals(Tag.NULL)) {
      return new YScalar(at, text, Kind.NULL, false);
    }
    if (tag.equals(Tag.BOOL) && plain(text).equals(Tag.BOOL)) {
      return new YScalar(at, text, Kind.BOOL, false);
    }
    if (tag.equals(Tag.INT) && plain(text).equals(Tag.INT)) {
      if (Scalars.toLong(text) != null) {
        return new YScalar(at, text, Kind.INT, false);
      }
      return invalid(
          diagnostics,
          Diagnostic.error(at, path, "the number is too large")
              .withExpected(
                  "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ", or text")
              .withFound("a number of " + text.length() + " characters")
              .withHint("quote the value to keep it as text"),
          at,
          text);
    }
    if (tag.equals(Tag.FLOAT) && !text.isEmpty() && plain(text).equals(Tag.FLOAT)) {
      return invalid(
          diagnostics,
          Diagnostic.error(at, path, "decimal numbers are not used in a spec")
              .withExpected("a whole number such as 4000 (no `.`, no exponent), or text")
              .withFound("`" + Quote.of(text) + "`, a decimal number")
              .withHint("write the whole number, or quote the value to keep it as text"),
          at,
          text);
    }
    if (isStandard(tag, Tag.INT, Tag.BOOL, Tag.NULL, Tag.FLOAT)) {
      String name = shortName(tag);
      return invalid(
          diagnostics,
          Diagnostic.error(at, path, "the value does not match its tag `" + name + "`")
              .withExpected("a value written as the tag says (" + word(tag) + "), or no tag")
              .withHint("remove the tag, or quote the value to keep it as text"),
          at,
          text);
    }
    return invalid(diagnostics, unknownTag(at, tag, path), at, text);
  }

  /** False (after reporting) when a key's tag is not allowed. */
  static boolean key(ScalarNode node, SourcePosition at, Diagnostics diagnostics) {
    Tag tag = node.getTag();
    if (tag.getValue().startsWith(STANDARD) && !isStandard(tag, Tag.BINARY, Tag.SET, Tag.OMAP)) {
      return true;
    }
    diagnostics.add(unknownTag(at, tag, null));
    return false;
  }

  /** Reports a mapping or list whose tag is not {@code !!map} or {@code !!seq}. */
  static void collection(Node node, SourcePosition at, String path, Diagnostics diagnostics) {
    Tag expected =
        node instanceof MappingNode ? Tag.MAP : node instanceof SequenceNode ? Tag.SEQ : null;
    if (expected != null && !node.getTag().equals(expected)) {
      diagnostics.add(unknownTag(at, node.getTag(), path));
    }
  }

  private static Diagnostic unknownTag(SourcePosition at, Tag tag, String path) {
    return Diagnostic.error(at, path, "the tag `" + Quote.of(shortName(tag)) + "` is not supported")
        .withExpected(
            "no tag, or one of the standard tags !!str, !!int, !!bool, !!null, !!map, !!seq")
        .withHint("remove the tag; quote the value to keep it as text");
  }

  private static YScalar invalid(
      Diagnostics diagnostics, Diagnostic diagnostic, SourcePosition at, String text) {
    diagnostics.add(diagnostic);
    return new YScalar(at, "", Kind.INVALID, false);
  }

  private static Tag plain(String text) {
    return RESOLVER.resolve(NodeId.scalar, text, true);
  }

  private static boolean isStandard(Tag tag, Tag... options) {
    for (Tag option : options) {
      if (tag.equals(option)) {
        return true;
      }
    }
    return false;
  }

  private static String shortName(Tag tag) {
    String value = tag.getValue();
    return value.startsWith(STANDARD) ? "!!" + value.substring(STANDARD.length()) : value;
  }

  private static String word(Tag tag) {
    if (tag.equals(Tag.INT)) {
      return "an integer such as 42";
    }
    if (tag.equals(Tag.BOOL)) {
      return "true or false";
    }
    if (tag.equals(Tag.NULL)) {
      return "nothing, `~` or null";
    }
    return "a decimal number";
  }
}
