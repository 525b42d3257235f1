package dev.provision.cli.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.diag.Diagnostic;
import dev.provision.model.Value;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Change;
import dev.provision.plan.Consequence;
import dev.provision.plan.Drift;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedStep;
import java.util.List;

/**
 * The machine view of a plan: versioned JSON ({@value #FORMAT_VERSION}) described by {@code
 * schemas/plan-v1.schema.json}, snake_case keys in a fixed order, changes sorted by address and
 * attributes by path, every key always present (null when absent; {@code recovery} is null unless
 * an interrupted apply was found, see {@link RecoveryJson}). Each change lists its {@code
 * consequences} (risk, what happens, what to do), highest first; 1.1 added the list and keeps 1.0's
 * single {@code consequence} (the highest one's text) so that 1.0 readers still read it. A
 * sensitive attribute is written with null values and {@code "sensitive": true}: the value itself
 * never appears. The one exception to "every key always present": an offline plan's unresolved side
 * adds {@code before_from} or {@code after_from}, the references it will be read from ({@code ["env
 * PGPASSWORD"]}). {@link PlanJsonReader} reads this back. Not for people: use {@link PlanTextView}.
 */
public final class PlanJsonView {
  /** The format written; a reader accepts any {@code 1.x}. */
  public static final String FORMAT_VERSION = "1.1";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PlanJsonView() {}

  /** Renders the plan as pretty-printed JSON ending with a newline. */
  public static String render(Plan plan) {
    return JsonText.write(tree(plan));
  }

  /** The format 1 tree, which {@link PlanJsonV2View} extends. */
  static ObjectNode tree(Plan plan) {
    ObjectNode root = NODES.objectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("deployment", plan.deployment());
    root.put("spec", plan.spec());
    root.put("against", plan.against());
    ObjectNode summary = root.putObject("summary");
    summary.put("create", plan.count(Action.CREATE));
    summary.put("update", plan.count(Action.UPDATE));
    summary.put("replace", plan.count(Action.REPLACE));
    summary.put("delete", plan.count(Action.DELETE));
    summary.put("adopt", plan.count(Action.ADOPT));
    summary.put("highest_risk", plan.highestRisk().word());
    ArrayNode changes = root.putArray("changes");
    PlanOrder.allChanges(plan).forEach(c -> change(changes.addObject(), c));
    ArrayNode drift = root.putArray("drift");
    PlanOrder.drift(plan).forEach(d -> drift(drift.addObject(), d));
    ArrayNode warnings = root.putArray("warnings");
    plan.warnings().forEach(w -> warning(warnings.addObject(), w));
    RecoveryJson.write(root, plan.recovery());
    backup(root, plan.backup());
    return root;
  }

  /** Apply's backup: null when the plan has no step a backup guards. */
  private static void backup(
      ObjectNode root, java.util.Optional<dev.provision.plan.PlannedBackup> backup) {
    if (backup.isEmpty()) {
      root.putNull("backup");
      return;
    }
    ObjectNode node = root.putObject("backup");
    node.put("skipped", backup.get().skipped());
    if (backup.get() instanceof dev.provision.plan.PlannedBackup.Into into) {
      node.put("dir", into.dir());
    } else {
      node.putNull("dir");
    }
  }

  private static void change(ObjectNode node, Change change) {
    node.put("address", change.address().toString());
    node.put("action", change.action().word());
    node.put("risk", change.risk().word());
    node.put("reason", change.reason());
    // format 1.0's one consequence (the highest), kept so that 1.0 readers still read 1.1
    node.put(
        "consequence",
        change.consequences().isEmpty() ? null : change.consequences().get(0).text());
    ArrayNode consequences = node.putArray("consequences");
    change.consequences().forEach(c -> consequence(consequences.addObject(), c));
    attributes(node.putArray("attributes"), change.attributes());
    ArrayNode steps = node.putArray("steps");
    change.steps().forEach(s -> step(steps.addObject(), s));
  }

  /** {@code {"risk", "what", "hint"}}: one consequence; hint (what to do) may be null. */
  static void consequence(ObjectNode node, Consequence c) {
    node.put("risk", c.risk().word());
    node.put("what", c.what());
    node.put("hint", c.hint());
  }

  private static void drift(ObjectNode node, Drift drift) {
    node.put("address", drift.address().toString());
    node.put("note", drift.note());
    attributes(node.putArray("attributes"), drift.attributes());
  }

  private static void attributes(ArrayNode array, List<AttributeChange> attributes) {
    for (AttributeChange attribute : PlanOrder.attributes(attributes)) {
      ObjectNode node = array.addObject();
      node.put("path", attribute.path());
      node.put("action", attributeAction(attribute));
      boolean sensitive = attribute.sensitive();
      node.put("before", sensitive ? null : text(attribute.before()));
      node.put("after", sensitive ? null : text(attribute.after()));
      node.put("sensitive", sensitive);
      from(node, "before_from", attribute.before());
      from(node, "after_from", attribute.after());
    }
  }

  /**
   * For an offline plan's unresolved reference only: the references it will be read from, such as
   * {@code "env PGPASSWORD"} (names, never values); absent otherwise.
   */
  private static void from(ObjectNode node, String key, Value value) {
    if (value != null && value.unresolved()) {
      ArrayNode from = node.putArray(key);
      value.from().forEach(r -> from.add(r.describe()));
    }
  }

  /**
   * create, update or delete: kept apart from the values so a masked change still says what it is.
   */
  static String attributeAction(AttributeChange attribute) {
    return switch (AttributeText.marker(attribute)) {
      case "+" -> "create";
      case "-" -> "delete";
      default -> "update";
    };
  }

  static void step(ObjectNode node, PlannedStep step) {
    node.put("id", step.id());
    node.put("verb", step.verb());
    node.put("address", step.address() == null ? null : step.address().toString());
    ArrayNode dependsOn = node.putArray("depends_on");
    step.dependsOn().forEach(dependsOn::add);
    node.put("description", step.description());
    node.put("undo", step.undo());
    node.put("undo_note", step.undoNote());
  }

  private static void warning(ObjectNode node, Diagnostic warning) {
    node.put("severity", warning.severity().word());
    boolean at = warning.position() != null;
    node.put("file", at ? warning.position().file() : null);
    if (at) {
      node.put("line", warning.position().line());
      node.put("column", warning.position().column());
    } else {
      node.putNull("line");
      node.putNull("column");
    }
    node.put("path", warning.path());
    node.put("message", warning.message());
    node.put("expected", warning.expected());
    node.put("found", warning.found());
    node.put("hint", warning.hint());
  }

  private static String text(Value value) {
    return value == null ? null : value.text();
  }
}
