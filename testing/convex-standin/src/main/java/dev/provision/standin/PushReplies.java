package dev.provision.standin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * TEST STAND-IN ONLY. The JSON replies of the push protocol, shaped as the Convex CLI 1.48's
 * response schemas require (it parses every reply with zod and gives up on a missing field). Only
 * the root component ({@code ""}) exists; no schema, no indexes, no auth providers.
 */
final class PushReplies {
  /** Extra field of the start reply; the CLI sends the start reply back in {@code finish_push}. */
  static final String PUSH_ID = "standinPushId";

  private PushReplies() {}

  /** {@code start_push}: env vars, an analysis of the root app, its checked component. */
  static ObjectNode startPush(String pushId, Map<String, String> env, List<PushedModule> modules) {
    ObjectNode r = Http.JSON.createObjectNode();
    ObjectNode vars = r.putObject("environmentVariables");
    env.forEach(vars::put);
    r.putNull("externalDepsId");
    r.putObject("componentDefinitionPackages");
    r.putArray("appAuth");
    ObjectNode root = r.putObject("analysis").putObject("");
    ObjectNode definition = root.putObject("definition");
    definition.put("path", "");
    definition.putObject("definitionType").put("type", "app");
    definition.putArray("childComponents");
    definition.putObject("httpMounts");
    definition.putObject("exports").put("type", "branch").putArray("branch");
    root.putNull("schema");
    ObjectNode functions = root.putObject("functions");
    for (PushedModule m : modules) {
      ObjectNode analyzed = functions.putObject(m.path());
      analyzed.putArray("functions");
      analyzed.putNull("httpRoutes");
      analyzed.putNull("cronSpecs");
      analyzed.putNull("sourceMapped");
    }
    ObjectNode udf = root.putObject("udfConfig");
    udf.put("serverVersion", "1.0.0");
    udf.putObject("importPhaseRngSeed")
        .put("$bytes", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    udf.putObject("importPhaseUnixTimestamp").put("$integer", "AAAAAAAAAAA=");
    ObjectNode app = r.putObject("app");
    app.put("definitionPath", "");
    app.put("componentPath", "");
    app.putObject("args");
    app.putObject("childComponents");
    ObjectNode routes = app.putObject("httpRoutes");
    routes.putNull("httpModuleRoutes");
    routes.putArray("mounts");
    app.putObject("exports");
    schemaChange(r);
    r.put(PUSH_ID, pushId);
    return r;
  }

  /** {@code evaluate_push}: only the schema change. */
  static ObjectNode evaluatePush() {
    ObjectNode r = Http.JSON.createObjectNode();
    schemaChange(r);
    return r;
  }

  /** {@code evaluate_schema}: the root component has no tables and no indexes to predict. */
  static ObjectNode evaluateSchema() {
    ObjectNode r = Http.JSON.createObjectNode();
    ObjectNode root = r.putObject("componentSchemaEvaluations").putObject("");
    root.put("definitionPath", "");
    root.put("schemaValidation", true);
    root.putArray("tables");
    root.putArray("indexes");
    r.putArray("newComponentDefinitions");
    return r;
  }

  /** {@code wait_for_schema}: nothing to backfill or validate. */
  static ObjectNode schemaComplete() {
    return Http.JSON.createObjectNode().put("type", "complete");
  }

  /** {@code finish_push}: the module diff of the root component. */
  static ObjectNode finishPush(List<PushedModule> before, List<PushedModule> after) {
    Set<String> old = paths(before);
    Set<String> now = paths(after);
    ObjectNode r = Http.JSON.createObjectNode();
    ObjectNode auth = r.putObject("authDiff");
    auth.putArray("added");
    auth.putArray("removed");
    r.putObject("definitionDiffs");
    ObjectNode root = r.putObject("componentDiffs").putObject("");
    root.putObject("diffType").put("type", before.isEmpty() ? "create" : "modify");
    ObjectNode modules = root.putObject("moduleDiff");
    ArrayNode added = modules.putArray("added");
    ArrayNode removed = modules.putArray("removed");
    now.stream().filter(p -> !old.contains(p)).forEach(added::add);
    old.stream().filter(p -> !now.contains(p)).forEach(removed::add);
    root.putNull("udfConfigDiff");
    ObjectNode crons = root.putObject("cronDiff");
    crons.putArray("added");
    crons.putArray("updated");
    crons.putArray("deleted");
    ObjectNode indexes = root.putObject("indexDiff");
    indexes.putArray("added_indexes");
    indexes.putArray("removed_indexes");
    root.putNull("schemaDiff");
    return r;
  }

  private static void schemaChange(ObjectNode r) {
    ObjectNode change = r.putObject("schemaChange");
    change.putObject("allocatedComponentIds");
    change.putObject("schemaIds");
  }

  private static Set<String> paths(List<PushedModule> modules) {
    Set<String> paths = new TreeSet<>();
    modules.forEach(m -> paths.add(m.path()));
    return paths;
  }
}
