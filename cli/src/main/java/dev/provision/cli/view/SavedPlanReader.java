package dev.provision.cli.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.plan.ObservedFacts;
import dev.provision.plan.Plan;
import dev.provision.plan.PlanSource;
import dev.provision.plan.ResourceView;
import dev.provision.plan.SavedPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a plan file of format 1 or 2 into a {@link SavedPlan}: a format 1 file has only the plan
 * (no source, target or observations, so it cannot be applied); a format 2 file, written by {@link
 * PlanJsonV2View}, has all of it. Every problem is reported at once with its JSON path.
 */
public final class SavedPlanReader {
  private SavedPlanReader() {}

  /** Reads a plan file. */
  public static SavedPlan read(Path file) {
    return read(PlanJsonReader.text(file), file.toString());
  }

  /** Reads plan JSON; {@code source} is the file name, used only in messages. */
  public static SavedPlan read(String json, String source) {
    JsonFields f = new JsonFields(source);
    JsonNode root = PlanJsonReader.parse(json, source, f);
    int major = PlanJsonReader.major(root, f);
    Plan plan = PlanJsonReader.plan(root, f, major);
    if (major == 1) {
      return SavedPlan.v1(plan);
    }
    Optional<PlanSource> from = source(root, f);
    String target = f.optionalText(root, "target", "");
    ObservedFacts observed = observed(f.object(root, "observed", ""), f);
    SortedMap<String, ResourceView.Sides> sides = new TreeMap<>();
    List<JsonNode> changes = f.array(root, "changes", "");
    for (int i = 0; i < changes.size(); i++) {
      String path = "changes[" + i + "]";
      JsonNode change = changes.get(i);
      sides.put(
          change.path("address").asText(),
          new ResourceView.Sides(side(change, "before", path, f), side(change, "after", path, f)));
    }
    f.finish();
    return new SavedPlan(plan, from, target, observed, sides);
  }

  private static Optional<PlanSource> source(JsonNode root, JsonFields f) {
    JsonNode node = root.get("source");
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    List<PlanSource.SourceFile> files = new ArrayList<>();
    List<JsonNode> items = f.array(node, "files", "source");
    for (int i = 0; i < items.size(); i++) {
      String path = "source.files[" + i + "]";
      String file = f.text(items.get(i), "path", path);
      if (file != null && !relativePath(file)) {
        f.problem(
            path + ".path", "a path relative to the plan file", "an absolute or invalid path");
      }
      files.add(new PlanSource.SourceFile(file, f.text(items.get(i), "sha256", path)));
    }
    List<String> sets = new ArrayList<>();
    items = f.array(node, "sets", "source");
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).isTextual()) {
        sets.add(items.get(i).asText());
      } else {
        f.problem("source.sets[" + i + "]", "a string", "another JSON value");
      }
    }
    String spec = f.text(node, "spec", "source");
    if (spec != null && !relativePath(spec)) {
      f.problem("source.spec", "a path relative to the plan file", "an absolute or invalid path");
    } else if (spec != null && (files.isEmpty() || !spec.equals(files.get(0).path()))) {
      // the spec apply reads must be the file whose SHA-256 it checks
      f.problem("source.files[0].path", "the spec file, " + spec, "another file or none");
    }
    return Optional.of(new PlanSource(spec, files, sets));
  }

  private static boolean relativePath(String text) {
    try {
      return !Path.of(text).isAbsolute();
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  private static ObservedFacts observed(JsonNode node, JsonFields f) {
    if (node == null) {
      return ObservedFacts.none();
    }
    SortedMap<String, ObservedFacts.ContainerFacts> containers = new TreeMap<>();
    JsonNode list = f.object(node, "containers", "observed");
    if (list != null) {
      list.fields()
          .forEachRemaining(
              e -> {
                String path = "observed.containers." + e.getKey();
                containers.put(
                    e.getKey(),
                    new ObservedFacts.ContainerFacts(
                        f.optionalText(e.getValue(), "id", path),
                        f.optionalText(e.getValue(), "image_id", path),
                        f.optionalText(e.getValue(), "config_hash", path)));
              });
    }
    return new ObservedFacts(
        containers,
        strings(node, "images", f),
        strings(node, "volumes", f),
        Optional.ofNullable(f.optionalText(node, "backend_version", "observed")),
        strings(node, "secrets", f),
        // absent from a plan file written before databases were recorded: read as none
        node.has("databases") ? strings(node, "databases", f) : new TreeMap<>());
  }

  private static SortedMap<String, String> strings(JsonNode owner, String field, JsonFields f) {
    SortedMap<String, String> out = new TreeMap<>();
    JsonNode node = f.object(owner, field, "observed");
    if (node != null) {
      node.fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().isTextual()) {
                  out.put(e.getKey(), e.getValue().asText());
                } else {
                  f.problem("observed." + field + "." + e.getKey(), "a string", "another value");
                }
              });
    }
    return out;
  }

  private static Optional<ResourceView> side(
      JsonNode change, String field, String path, JsonFields f) {
    JsonNode node = change.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    String at = path + "." + field;
    List<ResourceView.Attribute> attributes = new ArrayList<>();
    List<JsonNode> items = f.array(node, "attributes", at);
    for (int i = 0; i < items.size(); i++) {
      String p = at + ".attributes[" + i + "]";
      JsonNode a = items.get(i);
      boolean sensitive = f.bool(a, "sensitive", p);
      String value = f.optionalText(a, "value", p);
      if (sensitive && value != null) {
        f.problem(p + ".value", "null (the value is sensitive)", "a value");
      }
      attributes.add(new ResourceView.Attribute(f.text(a, "path", p), value, sensitive));
    }
    return Optional.of(new ResourceView(f.text(node, "kind", at), attributes));
  }
}
