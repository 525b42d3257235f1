package dev.provision.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec's JSON Schema ({@code schemas/provision-v1.schema.json} on the class path) and a walk
 * from an instance path to the sub-schema that governs it, used to word schema errors (allowed
 * keys, ranges, enum values). Only follows {@code properties}, {@code additionalProperties} and
 * local {@code $ref}s, which is all the spec schema uses.
 */
final class SchemaIndex {
  static final String RESOURCE = "/schemas/provision-v1.schema.json";
  static final JsonNode ROOT = load();

  private SchemaIndex() {}

  private static JsonNode load() {
    try (InputStream in = SchemaIndex.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing class path resource " + RESOURCE);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sub-schema for an instance path (keys or list indexes), or null when there is none. */
  static JsonNode at(List<Object> segments) {
    JsonNode schema = resolve(ROOT);
    for (Object segment : segments) {
      if (schema == null) {
        return null;
      }
      JsonNode next = schema.path("properties").get(String.valueOf(segment));
      if (next == null && schema.path("additionalProperties").isObject()) {
        next = schema.get("additionalProperties");
      }
      schema = next == null ? null : resolve(next);
    }
    return schema;
  }

  /** Property names a mapping at this path may have, in schema order. */
  static List<String> keys(List<Object> segments) {
    List<String> out = new ArrayList<>();
    JsonNode schema = at(segments);
    if (schema != null) {
      schema.path("properties").fieldNames().forEachRemaining(out::add);
    }
    return out;
  }

  private static JsonNode resolve(JsonNode schema) {
    JsonNode ref = schema.get("$ref");
    if (ref == null) {
      return schema;
    }
    String pointer = ref.asText().substring(1);
    return ROOT.at(pointer);
  }
}
