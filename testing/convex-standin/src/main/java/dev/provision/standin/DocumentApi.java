package dev.provision.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;

/**
 * TEST STAND-IN ONLY (no such endpoint in Convex). A write/read API for test documents under {@code
 * /api/test_only/documents}, so that tests can prove a backup, restore or rollback kept the data:
 * {@code POST} {@code {"id":..,"text":..}} stores one (read-write admin key), {@code GET} answers
 * {@code {"format":N,"documents":{id:text}}} (any admin key).
 */
final class DocumentApi {
  static final String PATH = "/api/test_only/documents";

  private final AdminApi admin;
  private final Documents documents;

  DocumentApi(AdminApi admin, Documents documents) {
    this.admin = admin;
    this.documents = documents;
  }

  /** Answers one request under {@link #PATH}. */
  void handle(HttpExchange ex, String method) throws IOException {
    switch (method) {
      case "GET" -> {
        if (admin.authorized(ex, false).isPresent()) {
          answer(ex, () -> Http.json(ex, 200, new Listing(documents.format(), documents.all())));
        }
      }
      case "POST" -> {
        if (admin.authorized(ex, true).isPresent()) {
          answer(ex, () -> put(ex));
        }
      }
      default -> Http.text(ex, 405, "Method not allowed");
    }
  }

  private void put(HttpExchange ex) throws Exception {
    JsonNode body = Http.JSON.readTree(Http.body(ex));
    if (!body.path("id").isTextual() || !body.path("text").isTextual()) {
      Http.error(ex, ApiError.badRequest("BadJsonBody", "expected {\"id\":..,\"text\":..}"));
      return;
    }
    documents.put(body.path("id").asText(), body.path("text").asText());
    Http.empty(ex);
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void answer(HttpExchange ex, Call call) throws IOException {
    try {
      call.run();
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      Http.error(ex, ApiError.badRequest("BadJsonBody", "the request body is not valid JSON"));
    } catch (Exception e) {
      Http.error(ex, new ApiError(500, "InternalServerError", e.getClass().getSimpleName()));
    }
  }

  /** The JSON shape of a listing. */
  record Listing(int format, Map<String, String> documents) {}
}
