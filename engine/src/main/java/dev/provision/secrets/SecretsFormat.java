package dev.provision.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of a secrets file: one string field per current entry, and one reserved field,
 * {@value #HISTORY}, holding for each entry the values it held before:
 *
 * <pre>{@code
 * {
 *   "instanceSecret" : "<64 hex>",
 *   "previous" : { "instanceSecret" : [ { "value" : "<64 hex>", "replaced" : "2026-05-01T10:00:00Z" } ] }
 * }
 * }</pre>
 */
final class SecretsFormat {
  /** The reserved field that keeps replaced values. */
  static final String HISTORY = "previous";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SecretsFormat() {}

  /**
   * @throws IOException when the text is not a JSON object of that form
   */
  static SecretEntries parse(byte[] bytes) throws IOException {
    JsonNode root = JSON.readTree(bytes);
    if (root == null || !root.isObject()) {
      throw new IOException("not a JSON object");
    }
    Map<String, String> current = new TreeMap<>();
    Map<String, List<SecretEntries.Previous>> history = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals(HISTORY)) {
        history = history(e.getValue());
      } else if (e.getValue().isTextual()) {
        current.put(e.getKey(), e.getValue().asText());
      } else {
        throw new IOException("entry " + e.getKey() + " is not a string");
      }
    }
    return new SecretEntries(current, history);
  }

  private static Map<String, List<SecretEntries.Previous>> history(JsonNode node)
      throws IOException {
    if (!node.isObject()) {
      throw new IOException(HISTORY + " is not an object");
    }
    Map<String, List<SecretEntries.Previous>> out = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isArray()) {
        throw new IOException(HISTORY + "." + e.getKey() + " is not an array");
      }
      List<SecretEntries.Previous> list = new ArrayList<>();
      for (JsonNode p : e.getValue()) {
        if (!p.path("value").isTextual()) {
          throw new IOException(HISTORY + "." + e.getKey() + " holds an entry without a value");
        }
        list.add(new SecretEntries.Previous(p.get("value").asText(), instant(p.path("replaced"))));
      }
      out.put(e.getKey(), list);
    }
    return out;
  }

  private static Instant instant(JsonNode node) {
    try {
      return node.isTextual() ? Instant.parse(node.asText()) : Instant.EPOCH;
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  static byte[] render(SecretEntries entries) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    entries.current().forEach(root::put);
    if (!entries.historyEntries().isEmpty()) {
      ObjectNode history = root.putObject(HISTORY);
      entries
          .historyEntries()
          .forEach(
              (key, list) -> {
                ArrayNode array = history.putArray(key);
                list.forEach(
                    p ->
                        array
                            .addObject()
                            .put("value", p.value())
                            .put("replaced", p.replaced().toString()));
              });
    }
    return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
