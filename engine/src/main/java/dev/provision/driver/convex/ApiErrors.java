package dev.provision.driver.convex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provision.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an error answer of the backend into a {@link ConvexApiException} with a hint for the common
 * codes. Everything taken from the answer passes through {@link #redact} so that the admin key and
 * sent values never reach a message. Pure.
 */
final class ApiErrors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_TEXT = 300;

  private ApiErrors() {}

  /** The backend's {@code code} and {@code message} (each may be null), read from a JSON body. */
  record Answer(String code, String message) {}

  static Answer parse(String body) {
    if (body == null || body.isBlank()) {
      return new Answer(null, null);
    }
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && json.isObject()) {
        return new Answer(text(json, "code"), text(json, "message"));
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
      // fall through: a plain-text answer (proxies, old backends)
    }
    String text = body.strip();
    return new Answer(null, text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "..." : text);
  }

  private static String text(JsonNode json, String field) {
    JsonNode node = json.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }

  static ConvexApiException of(
      String base, ApiRequest request, int status, String body, String adminKey) {
    List<String> hidden = new ArrayList<>(request.redact());
    if (adminKey != null) {
      hidden.add(adminKey);
    }
    Answer raw = parse(body);
    String code = redact(raw.code(), hidden);
    String message = redact(raw.message(), hidden);
    if (status == 404 && ConvexApiRequests.ENV_VAR_PATHS.contains(request.path())) {
      Diagnostic old =
          Diagnostic.error(
                  null,
                  null,
                  "this backend image is older than provision supports (env var API from"
                      + " 2025-08-28): the backend at "
                      + base
                      + " answered 404 to "
                      + request.describe())
              .withHint(OLD_IMAGE_HINT);
      return new ConvexApiException(old, status, code, message, true);
    }
    String text =
        "the Convex backend at "
            + base
            + " answered "
            + status
            + (code == null ? "" : " " + code)
            + " to "
            + request.describe()
            + (message == null || message.isEmpty() ? "" : ": " + message);
    Diagnostic diagnostic = Diagnostic.error(null, null, text).withHint(hintFor(status, code));
    return new ConvexApiException(diagnostic, status, code, message, false);
  }

  /** What to do when the running backend predates the env var endpoints. */
  static final String OLD_IMAGE_HINT =
      "upgrade it: set backend.image (and dashboard.image) to a convex-backend release from"
          + " 2025-08-28 or later, then `provision apply`";

  static String hintFor(int status, String code) {
    if ("EnvVarNameForbidden".equals(code)) {
      return "CONVEX_CLOUD_URL and CONVEX_SITE_URL are built in: set backend.origins.cloud /"
          + " backend.origins.site instead of an env var";
    }
    if ("RequiredEnvironmentVariable".equals(code)) {
      return "the deployed app declares this env var as required: keep it in `env`, or deploy"
          + " app code that no longer requires it (`npx convex deploy`) before removing it";
    }
    if ("InvalidEnvironmentVariable".equals(code)) {
      return "the deployed app's validator refuses this value: fix the value in `env` to match"
          + " what the app declares, or deploy app code that accepts it";
    }
    if ("BadAdminKey".equals(code) || status == 401) {
      return "the admin key was not made from this backend's INSTANCE_SECRET (or for another"
          + " instance name): let provision issue a new key from the secret it keeps, and make sure"
          + " the backend runs with that INSTANCE_SECRET";
    }
    if (status == 403) {
      return "the admin key may be read-only: use a read-write key for changes";
    }
    if (status == 404) {
      return "this backend has no such endpoint: check the URL (the API port is 3210) and that"
          + " the backend version is recent enough";
    }
    if (status >= 500) {
      return "the backend failed: read its logs (`docker logs` of the backend container)";
    }
    return "check the request the message names; the backend refused it as sent";
  }

  /** Replaces every occurrence of a hidden string (non-empty) with {@code (sensitive)}. */
  static String redact(String text, List<String> hidden) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : hidden) {
      if (secret != null && secret.length() >= 4) {
        out = out.replace(secret, "(sensitive)");
      }
    }
    return out;
  }
}
