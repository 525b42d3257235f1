package dev.provision.render.kubernetes;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a Kubernetes object as YAML with every mapping's keys sorted (so the same object always
 * gives the same bytes), and checks it by reading that YAML back through the model with unknown
 * fields refused: the parsed object must equal the one written. The fabric8 model keeps unknown
 * fields in a catch-all map; the reader here removes that catch-all, so a misspelt field fails.
 */
final class ManifestYaml {
  private static final ObjectMapper WRITER =
      new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                  .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .build())
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .registerModule(scalars());

  private static final ObjectMapper STRICT_READER =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .registerModule(
              new SimpleModule("no-catch-all").setDeserializerModifier(new NoAnySetter()));

  private ManifestYaml() {}

  /** The object as sorted YAML, after the round trip proved the model reads it back as written. */
  static String write(HasMetadata object) {
    String yaml = sorted(object);
    HasMetadata back = parse(yaml, object.getClass());
    if (!back.equals(object)) {
      throw new IllegalStateException(
          "the model does not read back "
              + object.getKind()
              + " "
              + object.getMetadata().getName());
    }
    return yaml;
  }

  /** Reads YAML as {@code type}, refusing any field the model does not know. */
  static <T> T parse(String yaml, Class<T> type) {
    try {
      return STRICT_READER.readValue(yaml, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  private static String sorted(Object object) {
    try {
      return WRITER.writeValueAsString(sortedTree(WRITER.valueToTree(object)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + object.getClass().getSimpleName(), e);
    }
  }

  /**
   * The same tree with every object's fields in key order (list order is kept: it means things).
   */
  private static JsonNode sortedTree(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> fields = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        fields.put(e.getKey(), sortedTree(e.getValue()));
      }
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      fields.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      node.forEach(item -> items.add(sortedTree(item)));
      return JsonNodeFactory.instance.arrayNode().addAll(items);
    }
    return node;
  }

  /**
   * The model's scalar wrappers as the API writes them ({@code 3210} or {@code http}, {@code
   * 10Gi}); the model leaves that to the client library, which render does not load.
   */
  private static SimpleModule scalars() {
    SimpleModule module = new SimpleModule("kubernetes-scalars");
    module.addSerializer(
        AnyType.class,
        new StdSerializer<>(AnyType.class) {
          private static final long serialVersionUID = 1L;

          @Override
          public void serialize(AnyType value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeObject(value.getValue());
          }
        });
    module.addSerializer(
        Quantity.class,
        new StdSerializer<>(Quantity.class) {
          private static final long serialVersionUID = 1L;

          @Override
          public void serialize(Quantity value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeString(value.getAmount() + value.getFormat());
          }
        });
    return module;
  }

  /** Drops the catch-all setter of every model class, so unknown fields are errors. */
  private static final class NoAnySetter extends BeanDeserializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public BeanDeserializerBuilder updateBuilder(
        DeserializationConfig config,
        BeanDescription description,
        BeanDeserializerBuilder builder) {
      builder.setAnySetter(null);
      return builder;
    }
  }
}
