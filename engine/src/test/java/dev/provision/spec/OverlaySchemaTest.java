package dev.provision.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code schemas/provision-overlay-v1.schema.json} is the spec schema made fit for an overlay file
 * (one with {@code extends:}): nothing is required, no "exactly one" count, and every key may be
 * {@code null} (which removes it from the base). It is derived from the spec schema by {@link
 * #derive}, so the two never drift; run with {@code -Dspec.regenerate=true} to rewrite it.
 */
class OverlaySchemaTest {
  private static final Path MAIN = Path.of("../schemas/provision-v1.schema.json");
  private static final Path OVERLAY = Path.of("../schemas/provision-overlay-v1.schema.json");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Test
  void theOverlaySchemaIsDerivedFromTheSpecSchema() throws IOException {
    String derived = JSON.writeValueAsString(derive(JSON.readTree(MAIN.toFile()))) + "\n";
    if (Boolean.getBoolean("spec.regenerate")) {
      Files.writeString(OVERLAY, derived, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(OVERLAY, StandardCharsets.UTF_8)).isEqualTo(derived);
  }

  static JsonNode derive(JsonNode main) {
    ObjectNode root = (ObjectNode) relax(main);
    root.put("$id", "https://provision.dev/schemas/provision-overlay-v1.schema.json");
    root.put("title", "provision spec v1 overlay");
    root.put(
        "description",
        "An overlay on a provision spec (a file with `extends:`): keys as in the spec, none"
            + " required; mappings merge key by key with the base, a value replaces the base's,"
            + " and null removes a key.");
    return root;
  }

  /** Drops what an overlay may leave out, recursively; every property may be null. */
  private static JsonNode relax(JsonNode schema) {
    if (!schema.isObject()) {
      return schema;
    }
    ObjectNode out = JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      switch (field.getKey()) {
        case "required", "minProperties", "maxProperties" -> {
          // An overlay may give any part of a choice, or none.
        }
        case "properties" -> {
          ObjectNode props = out.putObject("properties");
          field
              .getValue()
              .fields()
              .forEachRemaining(p -> props.set(p.getKey(), nullable(p.getValue())));
        }
        case "additionalProperties" ->
            out.set(
                "additionalProperties",
                field.getValue().isObject() ? nullable(field.getValue()) : field.getValue());
        case "$defs" -> {
          ObjectNode defs = out.putObject("$defs");
          field
              .getValue()
              .fields()
              .forEachRemaining(d -> defs.set(d.getKey(), relax(d.getValue())));
        }
        default -> out.set(field.getKey(), field.getValue());
      }
    }
    return out;
  }

  /** The relaxed schema, also accepting null. */
  private static JsonNode nullable(JsonNode schema) {
    ObjectNode s = (ObjectNode) relax(schema);
    if (s.has("$ref")) {
      ObjectNode wrap = JSON.createObjectNode();
      if (s.has("description")) {
        wrap.set("description", s.get("description"));
      }
      ArrayNode any = wrap.putArray("anyOf");
      any.addObject().set("$ref", s.get("$ref"));
      any.addObject().put("type", "null");
      return wrap;
    }
    if (s.has("const")) {
      ArrayNode values = JSON.createArrayNode().add(s.get("const")).addNull();
      s.remove("const");
      s.set("enum", values);
    } else if (s.has("enum")) {
      ((ArrayNode) s.get("enum")).addNull();
    }
    JsonNode type = s.get("type");
    if (type != null && type.isTextual() && !type.asText().equals("null")) {
      s.set("type", JSON.createArrayNode().add(type.asText()).add("null"));
    } else if (type != null && type.isArray() && !contains(type, "null")) {
      ((ArrayNode) type).add("null");
    }
    return s;
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode n : array) {
      if (n.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
