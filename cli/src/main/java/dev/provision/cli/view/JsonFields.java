package dev.provision.cli.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.model.Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads typed fields out of a parsed plan file and collects every problem (with its JSON path) so
 * that a broken file is reported at once, not one field per run. A getter that finds a problem
 * records it and returns null; {@link #finish()} throws when anything was recorded.
 */
final class JsonFields {
  static final String HINT =
      "write the plan file again with provision plan (JSON output) and do not edit it by hand";

  private final String source;
  private final Diagnostics problems = new Diagnostics();

  JsonFields(String source) {
    this.source = source;
  }

  /** A string that must be present and not null. */
  String text(JsonNode object, String field, String path) {
    JsonNode node = object.get(field);
    if (node == null || !node.isTextual()) {
      problem(join(path, field), "a string", describe(node));
      return null;
    }
    return node.asText();
  }

  /** A string or null; absent counts as null. */
  String optionalText(JsonNode object, String field, String path) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      problem(join(path, field), "a string or null", describe(node));
      return null;
    }
    return node.asText();
  }

  boolean bool(JsonNode object, String field, String path) {
    JsonNode node = object.get(field);
    if (node == null || !node.isBoolean()) {
      problem(join(path, field), "true or false", describe(node));
      return false;
    }
    return node.asBoolean();
  }

  /** An integer or null; absent counts as null. */
  Integer optionalInt(JsonNode object, String field, String path) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.canConvertToInt() || !node.isIntegralNumber()) {
      problem(join(path, field), "a whole number or null", describe(node));
      return null;
    }
    return node.asInt();
  }

  /** An array that must be present (possibly empty); an empty list after a problem. */
  List<JsonNode> array(JsonNode object, String field, String path) {
    JsonNode node = object.get(field);
    if (node == null || !node.isArray()) {
      problem(join(path, field), "an array", describe(node));
      return List.of();
    }
    List<JsonNode> items = new ArrayList<>();
    node.forEach(items::add);
    return items;
  }

  /** An object that must be present. */
  JsonNode object(JsonNode object, String field, String path) {
    JsonNode node = object.get(field);
    if (node == null || !node.isObject()) {
      problem(join(path, field), "an object", describe(node));
      return null;
    }
    return node;
  }

  /** One of an enum's words ({@code data-loss} for DATA_LOSS). */
  <E extends Enum<E>> E word(JsonNode object, String field, String path, Class<E> type) {
    String text = text(object, field, path);
    if (text == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(text)) {
        return constant;
      }
    }
    String allowed =
        String.join(
            ", ",
            Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .toList());
    problem(join(path, field), "one of " + allowed, "\"" + text + "\"");
    return null;
  }

  Address address(JsonNode object, String field, String path, boolean required) {
    String text = required ? text(object, field, path) : optionalText(object, field, path);
    return text == null ? null : parse(text, join(path, field), Address::parse);
  }

  private <T> T parse(String text, String path, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      problem(path, "an address such as container.backend", "\"" + text + "\"");
      return null;
    }
  }

  void problem(String path, String expected, String found) {
    problems.add(
        Diagnostic.error(null, path, "the plan file " + source + " is not a valid plan")
            .withExpected(expected)
            .withFound(found)
            .withHint(HINT));
  }

  /** Throws a ProvisionException carrying every problem recorded, if any. */
  void finish() {
    problems.throwIfErrors();
  }

  static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static String describe(JsonNode node) {
    if (node == null) {
      return "nothing (the key is missing)";
    }
    return node.isNull() ? "null" : node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
