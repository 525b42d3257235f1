package dev.provision.cli.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.plan.ObservedFacts;
import dev.provision.plan.PlanSource;
import dev.provision.plan.ResourceView;
import dev.provision.plan.SavedPlan;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A saved plan file (format {@value #FORMAT_VERSION}, {@code schemas/plan-v2.schema.json}): the
 * format 1 plan plus {@code source} (the spec relative to the plan file, the SHA-256 of it and of
 * its overlays, the {@code --set} arguments as written), {@code target}, {@code observed}
 * (container ids, image ids, config hash labels, volume identities, backend version, keyed secret
 * fingerprints), and per change typed {@code before}/{@code after} and the list of {@code
 * consequences} without format 1's single {@code consequence} (2.0 listed them as strings; 2.1 as
 * objects with their risk and what to do, like format 1.1). Never a secret value, nor an unkeyed
 * hash of one. {@link SavedPlanReader} reads it back.
 */
public final class PlanJsonV2View {
  /** The format written; a reader accepts any {@code 2.x}. */
  public static final String FORMAT_VERSION = "2.1";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PlanJsonV2View() {}

  /** Renders the saved plan as pretty-printed JSON ending with a newline. */
  public static String render(SavedPlan saved) {
    ObjectNode v1 = PlanJsonView.tree(saved.plan());
    ObjectNode root = NODES.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = v1.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      switch (e.getKey()) {
        case "format_version" -> root.put("format_version", FORMAT_VERSION);
        case "changes" -> changes(root.putArray("changes"), (ArrayNode) e.getValue(), saved);
        default -> root.set(e.getKey(), e.getValue());
      }
      if (e.getKey().equals("against")) {
        source(root, saved.source());
        root.put("target", saved.target());
        observed(root.putObject("observed"), saved.observed());
      }
    }
    return JsonText.write(root);
  }

  private static void changes(ArrayNode out, ArrayNode changes, SavedPlan saved) {
    for (JsonNode change : changes) {
      ObjectNode node = out.addObject();
      ResourceView.Sides sides = saved.sidesOf(change.path("address").asText());
      for (Iterator<Map.Entry<String, JsonNode>> it = change.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().equals("consequence")) { // format 2 has only the list
          node.set(e.getKey(), e.getValue());
        }
        if (e.getKey().equals("reason")) {
          side(node, "before", sides.before());
          side(node, "after", sides.after());
        }
      }
    }
  }

  private static void side(ObjectNode node, String field, Optional<ResourceView> view) {
    if (view.isEmpty()) {
      node.putNull(field);
      return;
    }
    ObjectNode side = node.putObject(field);
    side.put("kind", view.get().kind());
    ArrayNode attributes = side.putArray("attributes");
    for (ResourceView.Attribute a : view.get().attributes()) {
      ObjectNode attribute = attributes.addObject();
      attribute.put("path", a.path());
      attribute.put("value", a.sensitive() ? null : a.value());
      attribute.put("sensitive", a.sensitive());
    }
  }

  private static void source(ObjectNode root, Optional<PlanSource> source) {
    if (source.isEmpty()) {
      root.putNull("source");
      return;
    }
    ObjectNode node = root.putObject("source");
    node.put("spec", source.get().spec());
    ArrayNode files = node.putArray("files");
    for (PlanSource.SourceFile f : source.get().files()) {
      files.addObject().put("path", f.path()).put("sha256", f.sha256());
    }
    ArrayNode sets = node.putArray("sets");
    source.get().sets().forEach(sets::add);
  }

  private static void observed(ObjectNode node, ObservedFacts facts) {
    ObjectNode containers = node.putObject("containers");
    facts
        .containers()
        .forEach(
            (address, c) ->
                containers
                    .putObject(address)
                    .put("id", c.id())
                    .put("image_id", c.imageId())
                    .put("config_hash", c.configHash()));
    ObjectNode images = node.putObject("images");
    facts.images().forEach(images::put);
    ObjectNode volumes = node.putObject("volumes");
    facts.volumes().forEach(volumes::put);
    node.put("backend_version", facts.backendVersion().orElse(null));
    ObjectNode secrets = node.putObject("secrets");
    facts.secrets().forEach(secrets::put);
    ObjectNode databases = node.putObject("databases");
    facts.databases().forEach(databases::put);
  }
}
