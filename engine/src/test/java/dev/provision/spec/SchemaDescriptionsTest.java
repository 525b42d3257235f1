package dev.provision.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every field in the schema is documented, so editors can show what it means. */
class SchemaDescriptionsTest {

  @Test
  void everyPropertyHasADescription() {
    List<String> missing = new ArrayList<>();
    walk(SchemaIndex.ROOT, "", missing);
    assertThat(missing).isEmpty();
  }

  private static void walk(JsonNode schema, String path, List<String> missing) {
    if (!schema.has("description") && !schema.has("$ref")) {
      missing.add(path.isEmpty() ? "(root)" : path);
    }
    schema
        .path("properties")
        .fields()
        .forEachRemaining(e -> walk(e.getValue(), path + "/" + e.getKey(), missing));
    schema
        .path("$defs")
        .fields()
        .forEachRemaining(e -> walk(e.getValue(), "$defs/" + e.getKey(), missing));
    if (schema.path("additionalProperties").isObject()) {
      walk(schema.get("additionalProperties"), path + "/*", missing);
    }
  }
}
