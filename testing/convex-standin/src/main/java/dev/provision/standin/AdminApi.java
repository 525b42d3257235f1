package dev.provision.standin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TEST STAND-IN ONLY. The admin endpoints of the Convex backend that the engine calls: {@code
 * check_admin_key}, list/update environment variables and {@code update_canonical_url}. Every call
 * needs {@code Authorization: Convex <admin key>}; writes need a read-write key.
 */
final class AdminApi {
  private final KeyVerifier keys;
  private final Store store;
  private final Runnable onLeaseLost;
  private final DeclaredEnvVars declared;

  /**
   * The operations a read-only key may perform, as the real backend's {@code check_admin_key} lists
   * them, in its order (its keybroker's read-only operations); a key that is not read-only lists
   * none, meaning every operation.
   */
  static final List<String> READ_OPS =
      List.of(
          "ViewEnvironmentVariables",
          "ViewLogs",
          "ViewMetrics",
          "ViewIntegrations",
          "ViewData",
          "ViewBackups",
          "DownloadBackups",
          "RunInternalQueries",
          "RunTestQuery",
          "ViewAuditLog",
          "ViewUsageLimits",
          "ViewUsage");

  AdminApi(KeyVerifier keys, Store store, Runnable onLeaseLost, DeclaredEnvVars declared) {
    this.keys = keys;
    this.store = store;
    this.onLeaseLost = onLeaseLost;
    this.declared = declared;
  }

  /** Answers one admin request; false when the path is not an admin endpoint. */
  boolean handle(HttpExchange ex, String method, String path) throws IOException {
    switch (method + " " + path) {
      case "GET /api/check_admin_key" -> authorized(ex, false).ifPresent(v -> checkAdminKey(ex, v));
      case "GET /api/v1/list_environment_variables" ->
          authorized(ex, false).ifPresent(v -> run(ex, () -> listEnvVars(ex)));
      case "POST /api/v1/update_environment_variables" ->
          authorized(ex, true).ifPresent(v -> run(ex, () -> updateEnvVars(ex)));
      case "POST /api/v1/update_canonical_url" ->
          authorized(ex, true).ifPresent(v -> run(ex, () -> updateCanonicalUrl(ex)));
      default -> {
        return false;
      }
    }
    return true;
  }

  private void checkAdminKey(HttpExchange ex, KeyVerifier.Verdict verdict) {
    run(
        ex,
        () ->
            Http.json(
                ex,
                200,
                new CheckAnswer(
                    true, verdict.readOnly() ? READ_OPS : List.of(), verdict.readOnly())));
  }

  private void listEnvVars(HttpExchange ex) throws IOException, SQLException {
    Http.json(ex, 200, Map.of("environmentVariables", store.envVars()));
  }

  private void updateEnvVars(HttpExchange ex) throws Exception {
    JsonNode changesNode = Http.JSON.readTree(Http.body(ex)).path("changes");
    if (!changesNode.isArray()) {
      Http.error(ex, ApiError.badRequest("BadJsonBody", "expected {\"changes\":[...]}"));
      return;
    }
    List<EnvVarChange> changes = new ArrayList<>();
    for (JsonNode c : changesNode) {
      JsonNode value = c.path("value");
      changes.add(
          new EnvVarChange(
              c.path("name").isTextual() ? c.path("name").asText() : null,
              value.isTextual() ? value.asText() : null));
    }
    Optional<ApiError> broken = EnvVarRules.check(store.envVars(), changes, declared);
    if (broken.isPresent()) {
      Http.error(ex, broken.get());
      return;
    }
    store.applyEnvVars(changes);
    Http.empty(ex);
  }

  private void updateCanonicalUrl(HttpExchange ex) throws Exception {
    Map<String, String> body =
        Http.JSON.readValue(Http.body(ex), new TypeReference<Map<String, String>>() {});
    String destination = body.get("requestDestination");
    String url = body.get("url");
    if (!"convexCloud".equals(destination) && !"convexSite".equals(destination) || url == null) {
      Http.error(
          ex,
          ApiError.badRequest(
              "BadJsonBody", "expected requestDestination convexCloud or convexSite and a url"));
      return;
    }
    store.setCanonicalUrl(destination, url);
    Http.empty(ex);
  }

  /** The verdict when the request carries a usable key; otherwise answers 401/403 and is empty. */
  Optional<KeyVerifier.Verdict> authorized(HttpExchange ex, boolean write) throws IOException {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Convex ")) {
      Http.error(ex, ApiError.badAdminKey());
      return Optional.empty();
    }
    KeyVerifier.Verdict verdict;
    try {
      verdict = keys.check(header.substring("Convex ".length()).trim());
    } catch (UnsupportedOperationException e) {
      Http.error(
          ex,
          new ApiError(
              500, "AdminKeyCheckUnavailable", "this stand-in build cannot check admin keys yet"));
      return Optional.empty();
    }
    if (!verdict.valid()) {
      Http.error(ex, ApiError.badAdminKey());
      return Optional.empty();
    }
    if (write && verdict.readOnly()) {
      Http.error(
          ex,
          new ApiError(
              403,
              "OperationNotPermitted",
              "This operation is not permitted with a read-only admin key"));
      return Optional.empty();
    }
    return Optional.of(verdict);
  }

  private interface Call {
    void run() throws Exception;
  }

  private void run(HttpExchange ex, Call call) {
    try {
      call.run();
    } catch (Store.LeaseLost e) {
      answerQuietly(ex, new ApiError(500, "LeaseLost", e.getMessage()));
      onLeaseLost.run();
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      answerQuietly(ex, ApiError.badRequest("BadJsonBody", "the request body is not valid JSON"));
    } catch (Exception e) {
      answerQuietly(ex, new ApiError(500, "InternalServerError", e.getClass().getSimpleName()));
    }
  }

  private static void answerQuietly(HttpExchange ex, ApiError error) {
    try {
      Http.error(ex, error);
    } catch (IOException ignored) {
      // The client went away; nothing left to tell it.
    }
  }

  /** The JSON shape of a successful {@code check_admin_key}. */
  record CheckAnswer(boolean success, List<String> allowedOps, boolean isReadOnly) {}
}
