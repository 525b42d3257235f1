package dev.provision.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * TEST STAND-IN ONLY. The push protocol the real Convex CLI ({@code npx convex deploy}) speaks to a
 * self-hosted backend: {@code /api/get_config_hashes}, then {@code /api/deploy2/start_push}, {@code
 * evaluate_schema} (best effort), {@code wait_for_schema}, {@code finish_push} and {@code
 * report_push_completed}. Nothing is evaluated: a start stages the pushed module paths and hashes,
 * a finish makes them the app's modules (so a push that fails before finishing keeps the previous
 * ones). {@code GET /api/standin/modules} lists them for tests. Reply shapes follow the CLI's
 * published response schemas (see {@link PushReplies}).
 */
final class FunctionsApi {
  private final AdminApi admin;
  private final Store store;
  private final Map<String, List<PushedModule>> staged = new LinkedHashMap<>();

  FunctionsApi(AdminApi admin, Store store) {
    this.admin = admin;
    this.store = store;
  }

  /** Answers one push request; false when the path is not part of the push protocol. */
  boolean handle(HttpExchange ex, String method, String path) throws IOException {
    Call call =
        switch (method + " " + path) {
          case "POST /api/get_config_hashes" -> this::configHashes;
          case "POST /api/deploy2/start_push" -> this::startPush;
          case "POST /api/deploy2/evaluate_push" -> b -> PushReplies.evaluatePush();
          case "POST /api/deploy2/evaluate_schema" -> b -> PushReplies.evaluateSchema();
          case "POST /api/deploy2/wait_for_schema" -> b -> PushReplies.schemaComplete();
          case "POST /api/deploy2/finish_push" -> this::finishPush;
          case "POST /api/deploy2/report_push_completed" -> b -> Http.JSON.createObjectNode();
          case "GET /api/standin/modules" -> b -> listModules();
          default -> null;
        };
    if (call == null) {
      return false;
    }
    boolean write = !path.equals("/api/get_config_hashes") && !method.equals("GET");
    if (admin.authorized(ex, write).isEmpty()) {
      return true;
    }
    try {
      Http.json(ex, 200, call.answer(decodedBody(ex)));
    } catch (Store.LeaseLost e) {
      Http.error(ex, new ApiError(500, "LeaseLost", e.getMessage()));
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      Http.error(ex, ApiError.badRequest("BadJsonBody", "the request body is not valid JSON"));
    } catch (Exception e) {
      Http.error(ex, new ApiError(500, "InternalServerError", e.getClass().getSimpleName()));
    }
    return true;
  }

  private interface Call {
    Object answer(JsonNode body) throws Exception;
  }

  private Object configHashes(JsonNode body) throws Exception {
    ObjectNode answer = Http.JSON.createObjectNode();
    answer.putObject("config").put("functions", "convex/");
    ArrayNode hashes = answer.putArray("moduleHashes");
    for (PushedModule m : store.modules()) {
      hashes
          .addObject()
          .put("path", m.path())
          .put("environment", m.environment())
          .put("hash", m.sha256());
    }
    answer.putArray("nodeDependencies");
    answer.put("udfServerVersion", "1.0.0");
    return answer;
  }

  private Object startPush(JsonNode body) throws Exception {
    JsonNode app = body.path("appDefinition");
    List<PushedModule> modules = new ArrayList<>();
    for (JsonNode m : app.path("changedModules")) {
      String hash = sha256(m.path("source").asText() + m.path("sourceMap").asText(""));
      modules.add(new PushedModule(m.path("path").asText(), environment(m), hash));
    }
    for (JsonNode m : app.path("unchangedModuleHashes")) {
      modules.add(
          new PushedModule(m.path("path").asText(), environment(m), m.path("sha256").asText()));
    }
    String pushId = UUID.randomUUID().toString();
    if (!body.path("dryRun").asBoolean(false)) {
      synchronized (staged) {
        staged.clear();
        staged.put(pushId, modules);
      }
    }
    return PushReplies.startPush(pushId, store.envVars(), modules);
  }

  private Object finishPush(JsonNode body) throws Exception {
    List<PushedModule> previous = store.modules();
    if (body.path("dryRun").asBoolean(false)) {
      return PushReplies.finishPush(previous, previous);
    }
    String pushId = body.path("startPush").path(PushReplies.PUSH_ID).asText();
    List<PushedModule> modules;
    synchronized (staged) {
      modules = staged.remove(pushId);
    }
    if (modules == null) {
      throw new IllegalStateException("no started push " + pushId);
    }
    store.replaceModules(modules);
    return PushReplies.finishPush(previous, modules);
  }

  private Object listModules() throws Exception {
    ObjectNode answer = Http.JSON.createObjectNode();
    ArrayNode list = answer.putArray("modules");
    for (PushedModule m : store.modules()) {
      list.addObject()
          .put("path", m.path())
          .put("environment", m.environment())
          .put("sha256", m.sha256());
    }
    return answer;
  }

  private static String environment(JsonNode module) {
    return module.path("environment").asText("isolate");
  }

  /** The request body as JSON, inflated when the CLI compressed it ({@code br} or {@code gzip}). */
  private static JsonNode decodedBody(HttpExchange ex) throws IOException {
    byte[] raw = Http.body(ex);
    if (raw.length == 0) {
      return Http.JSON.createObjectNode();
    }
    String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
    InputStream in = new ByteArrayInputStream(raw);
    if ("br".equalsIgnoreCase(encoding)) {
      in = new BrotliInputStream(in);
    } else if ("gzip".equalsIgnoreCase(encoding)) {
      in = new GZIPInputStream(in);
    }
    try (InputStream body = in) {
      return Http.JSON.readTree(body.readAllBytes());
    }
  }

  private static String sha256(String text) throws NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
