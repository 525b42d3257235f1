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
    return new ConvexApiException(diagnostic, status, code, message);
  }

  static String hintFor(int status, String code) {
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
