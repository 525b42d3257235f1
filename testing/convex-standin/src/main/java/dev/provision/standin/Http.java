package dev.provision.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * TEST STAND-IN ONLY. Small helpers to answer {@code com.sun.net.httpserver} exchanges with text,
 * JSON or an {@link ApiError}. No routing and no state.
 */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();

  private Http() {}

  static void text(HttpExchange ex, int status, String body) throws IOException {
    send(ex, status, "text/plain; charset=utf-8", body);
  }

  static void json(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, "application/json", JSON.writeValueAsString(body));
  }

  static void error(HttpExchange ex, ApiError error) throws IOException {
    json(ex, error.status(), new ErrorBody(error.code(), error.message()));
  }

  /** 200 with no body at all (Content-Length 0), as the backend answers successful updates. */
  static void empty(HttpExchange ex) throws IOException {
    ex.sendResponseHeaders(200, -1);
    ex.close();
  }

  static void send(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
    ex.close();
  }

  static byte[] body(HttpExchange ex) throws IOException {
    return ex.getRequestBody().readAllBytes();
  }

  /** The JSON shape of an error answer. */
  record ErrorBody(String code, String message) {}
}
