package dev.provision.cli.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.model.Address;
import dev.provision.plan.PlannedStep;
import dev.provision.plan.Recovery;
import dev.provision.plan.RecoveryAction;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The {@code recovery} key of a JSON plan, written and read back: the interrupted apply (id, when,
 * at which step, by whom) and, per container, what apply puts back or finishes first. Each action
 * is written with its structured fields (so {@link PlanJsonReader} rebuilds it exactly) and with
 * the display {@code description} the text view shows; the reader never decides from the latter.
 * Names only: a recovery holds no configuration and no secret.
 */
final class RecoveryJson {
  private RecoveryJson() {}

  /** Writes {@code "recovery": null} or the recovery object. */
  static void write(ObjectNode root, Optional<Recovery> recovery) {
    if (recovery.isEmpty()) {
      root.putNull("recovery");
      return;
    }
    Recovery r = recovery.get();
    ObjectNode node = root.putObject("recovery");
    node.put("apply_id", r.applyId().orElse(null));
    node.put("interrupted_at", r.at().map(Instant::toString).orElse(null));
    node.put("step", r.step().orElse(null));
    node.put("holder", r.holder().orElse(null));
    ArrayNode actions = node.putArray("actions");
    r.actions().forEach(a -> action(actions.addObject(), a));
    node.put("note", RecoveryText.note(r));
  }

  private static void action(ObjectNode node, RecoveryAction a) {
    node.put("address", a.address().toString());
    node.put("action", a.direction() == RecoveryAction.Direction.PUT_BACK ? "put-back" : "finish");
    node.put("description", a.describe());
    node.put("name", a.name());
    ArrayNode remove = node.putArray("remove");
    a.remove().forEach(remove::add);
    node.put("set_aside", a.setAside().orElse(null));
    node.put("rename", a.rename().orElse(null));
    node.put("restart_policy", a.restartPolicy().orElse(null));
    node.put("start", a.start());
    node.put("starts_as", a.startsAs().map(Address::toString).orElse(null));
    PlanJsonView.step(node.putObject("step"), a.step());
  }

  /**
   * Reads the {@code recovery} key; missing (a plan written before it existed) or null is none.
   *
   * @param step reads one planned step at a JSON path, as for a change's steps
   */
  static Optional<Recovery> read(
      JsonNode root, JsonFields f, BiFunction<JsonNode, String, PlannedStep> step) {
    JsonNode node = root.get("recovery");
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    String path = "recovery";
    if (!node.isObject()) {
      f.problem(
          path, "an object or null", node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      return Optional.empty();
    }
    List<RecoveryAction> actions = new ArrayList<>();
    List<JsonNode> items = f.array(node, "actions", path);
    for (int i = 0; i < items.size(); i++) {
      actions.add(action(items.get(i), path + ".actions[" + i + "]", f, step));
    }
    return Optional.of(
        new Recovery(
            Optional.ofNullable(f.optionalText(node, "apply_id", path)),
            instant(f, node, path),
            Optional.ofNullable(f.optionalText(node, "step", path)),
            Optional.ofNullable(f.optionalText(node, "holder", path)),
            actions));
  }

  private static Optional<Instant> instant(JsonFields f, JsonNode node, String path) {
    String text = f.optionalText(node, "interrupted_at", path);
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      f.problem(path + ".interrupted_at", "a UTC time such as 2026-11-27T10:00:00Z", text);
      return Optional.empty();
    }
  }

  private static RecoveryAction action(
      JsonNode node, String path, JsonFields f, BiFunction<JsonNode, String, PlannedStep> step) {
    String word = f.text(node, "action", path);
    RecoveryAction.Direction direction = null;
    if ("put-back".equals(word)) {
      direction = RecoveryAction.Direction.PUT_BACK;
    } else if ("finish".equals(word)) {
      direction = RecoveryAction.Direction.FINISH;
    } else if (word != null) {
      f.problem(path + ".action", "one of put-back, finish", "\"" + word + "\"");
    }
    List<String> remove = new ArrayList<>();
    List<JsonNode> items = f.array(node, "remove", path);
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).isTextual()) {
        remove.add(items.get(i).asText());
      } else {
        f.problem(path + ".remove[" + i + "]", "a container name", "another JSON value");
      }
    }
    JsonNode stepNode = f.object(node, "step", path);
    return new RecoveryAction(
        f.address(node, "address", path, true),
        f.text(node, "name", path),
        direction,
        remove,
        Optional.ofNullable(f.optionalText(node, "set_aside", path)),
        Optional.ofNullable(f.optionalText(node, "rename", path)),
        Optional.ofNullable(f.optionalText(node, "restart_policy", path)),
        f.bool(node, "start", path),
        Optional.ofNullable(f.address(node, "starts_as", path, false)),
        stepNode == null ? null : step.apply(stepNode, path + ".step"));
  }
}
