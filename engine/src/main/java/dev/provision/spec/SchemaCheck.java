package dev.provision.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.DidYouMean;
import dev.provision.diag.Quote;
import dev.provision.diag.SourcePosition;
import dev.provision.spec.YNode.Entry;
import dev.provision.spec.YNode.YMap;
import dev.provision.spec.YNode.YScalar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Validates the merged tree against the JSON Schema (networknt) and words each error as a {@link
 * Diagnostic} pointing at the key or value in its source file: unknown keys with "did you mean",
 * wrong types, missing keys, ranges and enums. Runs before references are resolved, so no resolved
 * secret can reach a message.
 */
final class SchemaCheck {
  private static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(SchemaIndex.ROOT, SchemaValidatorsConfig.builder().build());

  private SchemaCheck() {}

  static void validate(YMap root, Diagnostics diagnostics) {
    List<Diagnostic> found = new ArrayList<>();
    for (ValidationMessage message : SCHEMA.validate(JsonView.of(root))) {
      List<Object> segments = new ArrayList<>();
      for (int i = 0; i < message.getInstanceLocation().getNameCount(); i++) {
        segments.add(message.getInstanceLocation().getElement(i));
      }
      Diagnostic d = word(root, segments, message);
      if (d != null && !found.contains(d)) {
        found.add(d);
      }
    }
    found.sort(
        Comparator.comparing((Diagnostic d) -> d.position().file())
            .thenComparingInt(d -> d.position().line())
            .thenComparingInt(d -> d.position().column())
            .thenComparing(Diagnostic::message));
    diagnostics.addAll(found);
  }

  private static Diagnostic word(YMap root, List<Object> segments, ValidationMessage message) {
    Located here = locate(root, segments);
    if (here.node() instanceof YScalar s && s.reported() && segments.size() == here.depth()) {
      return null; // already reported by the scalar rules
    }
    String path = dotted(segments);
    JsonNode schema = SchemaIndex.at(segments);
    if (schema == null) {
      schema = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    String last = segments.isEmpty() ? "" : String.valueOf(segments.get(segments.size() - 1));
    switch (message.getType()) {
      case "additionalProperties":
        {
          String key = message.getProperty();
          Entry entry = here.node() instanceof YMap map ? map.entries().get(key) : null;
          List<String> allowed = SchemaIndex.keys(segments);
          String hint = DidYouMean.hint(key, allowed);
          return Diagnostic.error(
                  entry == null ? here.keyAt() : entry.keyPosition(),
                  join(path, key),
                  "unknown key `" + Quote.of(key) + "`")
              .withExpected(
                  allowed.isEmpty()
                      ? "no keys here"
                      : "one of "
                          + allowed.stream()
                              .map(k -> "`" + k + "`")
                              .collect(Collectors.joining(", ")))
              .withHint(
                  hint != null ? hint : "remove it, or check the spelling in the spec reference");
        }
      case "required":
        {
          String key = message.getProperty();
          SourcePosition removedAt =
              here.node() instanceof YMap map ? map.removed().get(key) : null;
          return Diagnostic.error(
                  removedAt != null ? removedAt : here.keyAt(),
                  join(path, key),
                  removedAt != null
                      ? "required key `" + key + "` is removed here"
                      : "missing required key `" + key + "`")
              .withHint(requiredHint(key));
        }
      case "type":
        {
          String expected = typeWords(schema.get("type"));
          Diagnostic d =
              Diagnostic.error(here.node().position(), path, "`" + last + "` has the wrong type")
                  .withExpected(expected)
                  .withFound(here.node().kindWord());
          if (expected.startsWith("a string") && here.node() instanceof YScalar) {
            d = d.withHint("quote the value to keep it as text");
          } else if (expected.startsWith("a mapping")
              && here.node() instanceof YScalar s
              && s.isNull()) {
            d = d.withHint("write `{}` for an empty mapping, or remove the key");
          }
          return d;
        }
      case "enum":
        return Diagnostic.error(here.node().position(), path, "`" + last + "` has an unknown value")
            .withExpected(
                "one of "
                    + schema
                        .path("enum")
                        .toString()
                        .replaceAll("[\\[\\]\"]", "")
                        .replace(",", ", "))
            .withFound(scalarText(here.node()));
      case "const":
        {
          boolean quoted = here.node() instanceof YScalar s && s.kind() == YNode.Kind.STRING;
          return Diagnostic.error(here.node().position(), path, "unsupported spec version")
              .withExpected(schema.path("const").toString())
              .withFound(
                  quoted
                      ? "\"" + scalarText(here.node()) + "\" (a string)"
                      : scalarText(here.node()))
              .withHint(
                  quoted
                      ? "write `version: 1` without quotes"
                      : "this provision reads spec version 1");
        }
      case "minimum":
      case "maximum":
        return Diagnostic.error(here.node().position(), path, "`" + last + "` is out of range")
            .withExpected(range(schema))
            .withFound(scalarText(here.node()));
      case "pattern":
      case "propertyNames":
      case "maxLength":
      case "not":
        // Name rules: the section readers word these with the reason and a fix (NameRules,
        // EnvSection, AuthSection), after references are resolved; the schema has them for
        // editors.
        return null;
      case "minLength":
        return Diagnostic.error(here.node().position(), path, "`" + last + "` is empty")
            .withExpected("a non-empty string");
      case "minProperties":
      case "maxProperties":
        {
          List<String> options = SchemaIndex.keys(segments);
          String set =
              here.node() instanceof YMap map && !map.entries().isEmpty()
                  ? map.entries().keySet().stream()
                      .map(k -> "`" + k + "`")
                      .collect(Collectors.joining(" and "))
                  : "none";
          return Diagnostic.error(here.keyAt(), path, "`" + last + "` needs exactly one choice")
              .withExpected(
                  "exactly one of "
                      + options.stream().map(k -> "`" + k + "`").collect(Collectors.joining(", ")))
              .withFound(set);
        }
      default:
        return Diagnostic.error(here.node().position(), path, message.getMessage());
    }
  }

  private static String requiredHint(String key) {
    switch (key) {
      case "version":
        return "add `version: 1` at the top of the file";
      case "deployment":
        return "add `deployment: NAME` (lower-case letters, digits and '-')";
      case "password":
        return "give it as a reference, such as `password: ${env:PGPASSWORD}`";
      default:
        return null;
    }
  }

  private static String typeWords(JsonNode type) {
    if (type == null) {
      return "another type";
    }
    List<String> words = new ArrayList<>();
    if (type.isArray()) {
      type.forEach(t -> words.add(typeWord(t.asText())));
    } else {
      words.add(typeWord(type.asText()));
    }
    return String.join(" or ", words);
  }

  private static String typeWord(String jsonType) {
    switch (jsonType) {
      case "object":
        return "a mapping";
      case "boolean":
        return "a boolean (true or false)";
      case "integer":
        return "an integer";
      case "null":
        return "nothing (null)";
      default:
        return "a " + jsonType;
    }
  }

  private static String range(JsonNode schema) {
    String min = schema.path("minimum").asText("");
    String max = schema.path("maximum").asText("");
    if (max.isEmpty()) {
      return "an integer of at least " + min;
    }
    return "an integer from " + min + " to " + max;
  }

  private static String scalarText(YNode node) {
    return node instanceof YScalar s && !s.sensitive() ? Quote.of(s.text()) : node.kindWord();
  }

  private static String dotted(List<Object> segments) {
    StringBuilder out = new StringBuilder();
    for (Object segment : segments) {
      if (segment instanceof Integer index) {
        out.append('[').append(index).append(']');
      } else {
        out.append(out.length() == 0 ? "" : ".").append(segment);
      }
    }
    return out.toString();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** A node found by instance path, with the position of the key that holds it. */
  private record Located(YNode node, SourcePosition keyAt, int depth) {}

  private static Located locate(YMap root, List<Object> segments) {
    YNode node = root;
    SourcePosition keyAt = root.position();
    int depth = 0;
    for (Object segment : segments) {
      Entry e = node instanceof YMap map ? map.entries().get(String.valueOf(segment)) : null;
      if (e != null) {
        node = e.value();
        keyAt = e.keyPosition();
      } else if (node instanceof YNode.YList list
          && segment instanceof Integer index
          && index < list.items().size()) {
        node = list.items().get(index);
        keyAt = node.position();
      } else {
        break;
      }
      depth++;
    }
    return new Located(node, keyAt, depth);
  }
}
