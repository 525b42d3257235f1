package dev.provision.cli.view;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.diag.BoundedFile;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.diag.Quote;
import dev.provision.diag.Severity;
import dev.provision.diag.SourcePosition;
import dev.provision.model.Reference;
import dev.provision.model.Value;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Change;
import dev.provision.plan.Drift;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedStep;
import dev.provision.plan.Risk;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a plan written by {@link PlanJsonView} back into a {@link Plan}, so that a saved plan can
 * be shown in any view (format 1, and the plan part of format 2: see {@link SavedPlanReader}).
 * Sensitive attributes come back as {@code Value.secret("(sensitive)")} placeholders: the file
 * never held the value. A file that cannot be read, is not JSON, has another major format version
 * or is missing fields is a {@link ProvisionException} listing every problem. Not a way to apply a
 * plan: the placeholders are not the secrets.
 */
public final class PlanJsonReader {
  private static final Value PLACEHOLDER = Value.secret(Value.MASK);

  private PlanJsonReader() {}

  /** Largest plan file read: 16 MiB, far above any real plan. */
  public static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

  /**
   * Reads a plan file: a regular file of at most {@link #MAX_FILE_BYTES}, UTF-8 (a byte order mark
   * is allowed and skipped).
   */
  public static Plan read(Path file) {
    return read(text(file), file.toString());
  }

  /**
   * The text of a plan file: a regular file of at most {@link #MAX_FILE_BYTES}, UTF-8, without a
   * leading byte order mark. Shared by every reader of plan files.
   */
  public static String text(Path file) {
    byte[] bytes = BoundedFile.read(file, "plan file", MAX_FILE_BYTES);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new ProvisionException(
          Diagnostic.error(
                  null, null, "the plan file " + Quote.of(file.toString()) + " is not UTF-8 text")
              .withExpected("a plan written by `provision plan --format json`")
              .withHint("write the plan again with `provision plan --format json --out FILE`"));
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * Reads plan JSON.
   *
   * @param source the file name, used only in messages
   */
  public static Plan read(String json, String source) {
    JsonFields fields = new JsonFields(source);
    JsonNode root = parse(json, source, fields);
    return plan(root, fields, major(root, fields));
  }

  /** The parsed plan file: a JSON object, else a ProvisionException saying where it is not. */
  /** The byte order mark some editors write first; JSON readers may ignore it (RFC 8259). */
  static final String BOM = "\uFEFF";

  static JsonNode parse(String json, String source, JsonFields fields) {
    if (json.startsWith(BOM)) {
      json = json.substring(1); // an editor's byte order mark is not part of the JSON text
    }
    JsonNode root;
    try {
      root =
          JsonText.mapper()
              .reader()
              .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
              .readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      SourcePosition position =
          at == null ? null : new SourcePosition(source, at.getLineNr(), at.getColumnNr());
      throw new ProvisionException(
          new Diagnostic(
              Severity.ERROR,
              position,
              null,
              "the plan file " + source + " is not JSON",
              null,
              e.getOriginalMessage(),
              JsonFields.HINT));
    }
    if (root == null || !root.isObject()) {
      boolean nothing = root == null || root.isMissingNode();
      fields.problem("", "a JSON object", nothing ? "an empty file" : "another JSON value");
      fields.finish();
    }
    return root;
  }

  /** The plan part of a format 1 or 2 file (any minor version: see {@link ConsequencesJson}). */
  static Plan plan(JsonNode root, JsonFields fields, int major) {
    Plan plan = new PlanParts(fields, major).plan(root);
    fields.finish();
    return plan;
  }

  /** The file's major format version, 1 or 2; anything else is a problem. */
  static int major(JsonNode root, JsonFields fields) {
    String version = fields.text(root, "format_version", "");
    fields.finish();
    for (int major = 1; major <= 2; major++) {
      if (version.equals(String.valueOf(major)) || version.startsWith(major + ".")) {
        return major;
      }
    }
    fields.problem(
        "format_version",
        "1.x or 2.x (this provision reads version 1 and 2 plans)",
        "\"" + version + "\"");
    fields.finish();
    return 0;
  }

  /** The per-part readers; each returns null parts after recording a problem. */
  private static final class PlanParts {
    private final JsonFields f;
    private final int major;

    PlanParts(JsonFields fields, int major) {
      this.f = fields;
      this.major = major;
    }

    Plan plan(JsonNode root) {
      String deployment = f.text(root, "deployment", "");
      String spec = f.text(root, "spec", "");
      String against = f.text(root, "against", "");
      List<Change> changes = new ArrayList<>();
      List<JsonNode> items = f.array(root, "changes", "");
      for (int i = 0; i < items.size(); i++) {
        changes.add(change(items.get(i), "changes[" + i + "]"));
      }
      List<Drift> drift = new ArrayList<>();
      items = f.array(root, "drift", "");
      for (int i = 0; i < items.size(); i++) {
        String path = "drift[" + i + "]";
        JsonNode node = items.get(i);
        drift.add(
            new Drift(
                f.address(node, "address", path, true),
                attributes(node, path),
                f.optionalText(node, "note", path)));
      }
      List<Diagnostic> warnings = new ArrayList<>();
      items = f.array(root, "warnings", "");
      for (int i = 0; i < items.size(); i++) {
        warnings.add(warning(items.get(i), "warnings[" + i + "]"));
      }
      return new Plan(
          Plan.FORMAT_VERSION,
          deployment,
          spec,
          against,
          changes,
          drift,
          warnings,
          RecoveryJson.read(root, f, this::step),
          backup(root));
    }

    /** Apply's backup decision; absent (older plans) or null reads as none. */
    private java.util.Optional<dev.provision.plan.PlannedBackup> backup(JsonNode root) {
      JsonNode node = root.get("backup");
      if (node == null || node.isNull()) {
        return java.util.Optional.empty();
      }
      if (node.path("skipped").asBoolean(false)) {
        return java.util.Optional.of(new dev.provision.plan.PlannedBackup.Skipped());
      }
      String dir = f.optionalText(node, "dir", "backup");
      return java.util.Optional.of(
          new dev.provision.plan.PlannedBackup.Into(dir == null ? "" : dir));
    }

    private Change change(JsonNode node, String path) {
      List<PlannedStep> steps = new ArrayList<>();
      List<JsonNode> items = f.array(node, "steps", path);
      for (int i = 0; i < items.size(); i++) {
        steps.add(step(items.get(i), path + ".steps[" + i + "]"));
      }
      Risk risk = f.word(node, "risk", path, Risk.class);
      return new Change(
          f.address(node, "address", path, true),
          f.word(node, "action", path, Action.class),
          attributes(node, path),
          f.optionalText(node, "reason", path),
          risk,
          ConsequencesJson.read(node, path, risk, major, f),
          steps);
    }

    private List<AttributeChange> attributes(JsonNode owner, String ownerPath) {
      List<AttributeChange> attributes = new ArrayList<>();
      List<JsonNode> items = f.array(owner, "attributes", ownerPath);
      for (int i = 0; i < items.size(); i++) {
        String path = ownerPath + ".attributes[" + i + "]";
        JsonNode node = items.get(i);
        String name = f.text(node, "path", path);
        String action = f.text(node, "action", path);
        boolean sensitive = f.bool(node, "sensitive", path);
        Value before = value(node, "before", path, sensitive);
        Value after = value(node, "after", path, sensitive);
        if (sensitive && action != null) {
          before = action.equals("create") ? null : from(node, "before_from", path);
          after = action.equals("delete") ? null : from(node, "after_from", path);
        }
        if (action != null && !List.of("create", "update", "delete").contains(action)) {
          f.problem(path + ".action", "one of create, update, delete", "\"" + action + "\"");
        } else if (action != null && !sensitive && !sidesFit(action, before, after)) {
          f.problem(
              path,
              "before and after as a " + action + " has them (" + SIDES.get(action) + ")",
              "before "
                  + (before == null ? "null" : "set")
                  + ", after "
                  + (after == null ? "null" : "set"));
        }
        attributes.add(new AttributeChange(name, before, after));
      }
      return attributes;
    }

    private static final java.util.Map<String, String> SIDES =
        java.util.Map.of(
            "create", "before null, after set",
            "update", "both set",
            "delete", "before set, after null");

    /** True when the sides present are the ones {@code action} has. */
    private static boolean sidesFit(String action, Value before, Value after) {
      return switch (action) {
        case "create" -> before == null && after != null;
        case "delete" -> before != null && after == null;
        default -> before != null && after != null;
      };
    }

    /**
     * The placeholder of a sensitive side; unresolved, naming its references, when the plan was
     * made offline and wrote them ({@code before_from}, {@code after_from}).
     */
    private Value from(JsonNode node, String field, String path) {
      JsonNode raw = node.get(field);
      if (raw == null || raw.isNull()) {
        return PLACEHOLDER;
      }
      List<Reference> references = new ArrayList<>();
      List<JsonNode> items = f.array(node, field, path);
      for (int i = 0; i < items.size(); i++) {
        String text = items.get(i).isTextual() ? items.get(i).asText() : "";
        int space = text.indexOf(' ');
        String word = space < 0 ? "" : text.substring(0, space);
        if (!word.equals("env") && !word.equals("file") || space == text.length() - 1) {
          f.problem(
              path + "." + field + "[" + i + "]", "\"env NAME\" or \"file PATH\"", "another value");
          continue;
        }
        references.add(
            new Reference(
                word.equals("env") ? Reference.Source.ENV : Reference.Source.FILE,
                text.substring(space + 1)));
      }
      return references.isEmpty() ? PLACEHOLDER : Value.unresolved(Value.MASK, references);
    }

    private Value value(JsonNode node, String field, String path, boolean sensitive) {
      if (sensitive) {
        JsonNode raw = node.get(field);
        if (raw != null && !raw.isNull()) {
          f.problem(path + "." + field, "null (the value is sensitive)", "a value");
        }
        return null;
      }
      String text = f.optionalText(node, field, path);
      return text == null ? null : Value.plain(text);
    }

    private PlannedStep step(JsonNode node, String path) {
      List<String> dependsOn = new ArrayList<>();
      List<JsonNode> items = f.array(node, "depends_on", path);
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i).isTextual()) {
          dependsOn.add(items.get(i).asText());
        } else {
          f.problem(path + ".depends_on[" + i + "]", "a step id", "another JSON value");
        }
      }
      return PlannedStep.recorded(
          f.text(node, "id", path),
          f.text(node, "verb", path),
          f.address(node, "address", path, false),
          dependsOn,
          f.optionalText(node, "description", path),
          f.optionalText(node, "undo", path),
          f.optionalText(node, "undo_note", path));
    }

    private Diagnostic warning(JsonNode node, String path) {
      String file = f.optionalText(node, "file", path);
      Integer line = f.optionalInt(node, "line", path);
      Integer column = f.optionalInt(node, "column", path);
      SourcePosition position =
          file == null || line == null || column == null
              ? null
              : new SourcePosition(file, line, column);
      return new Diagnostic(
          f.word(node, "severity", path, Severity.class),
          position,
          f.optionalText(node, "path", path),
          f.text(node, "message", path),
          f.optionalText(node, "expected", path),
          f.optionalText(node, "found", path),
          f.optionalText(node, "hint", path));
    }
  }
}
