package dev.provision.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.spec.YNode.YList;
import dev.provision.spec.YNode.YMap;
import dev.provision.spec.YNode.YScalar;

/**
 * The tree as a Jackson {@link JsonNode}, only for JSON Schema validation. Keys and list order
 * match the tree one to one, so a schema error's instance path leads back to a {@link YNode} and
 * its position. A YAML integer or float Java cannot read becomes text (and fails its type check).
 */
final class JsonView {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private JsonView() {}

  static JsonNode of(YNode node) {
    if (node instanceof YMap map) {
      ObjectNode out = F.objectNode();
      map.entries().forEach((key, entry) -> out.set(key, of(entry.value())));
      return out;
    }
    if (node instanceof YList list) {
      ArrayNode out = F.arrayNode();
      list.items().forEach(item -> out.add(of(item)));
      return out;
    }
    YScalar scalar = (YScalar) node;
    switch (scalar.kind()) {
      case NULL:
        return F.nullNode();
      case BOOL:
        return F.booleanNode(Scalars.toBoolean(scalar.text()));
      case INT:
        {
          Long value = Scalars.toLong(scalar.text());
          return value == null ? F.textNode(scalar.text()) : F.numberNode(value);
        }
      case FLOAT:
        {
          Double value = Scalars.toDouble(scalar.text());
          return value == null ? F.textNode(scalar.text()) : F.numberNode(value);
        }
      default:
        return F.textNode(scalar.text());
    }
  }
}
