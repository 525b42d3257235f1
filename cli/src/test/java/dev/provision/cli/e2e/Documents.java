package dev.provision.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stand-in's test-only document API ({@code /api/test_only/documents}): writes and reads the
 * data a backup, restore or rollback must keep. Only the stand-in image has it.
 */
final class Documents {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final String url;
  private final String adminKey;

  Documents(String cloudUrl, String adminKey) {
    this.url = cloudUrl + "/api/test_only/documents";
    this.adminKey = adminKey;
  }

  void put(String id, String text) throws Exception {
    String body = JSON.writeValueAsString(Map.of("id", id, "text", text));
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Convex " + adminKey)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("POST " + url + ": " + r.statusCode() + " " + r.body());
    }
  }

  /** Every document by id. */
  Map<String, String> all() throws Exception {
    JsonNode listing = listing();
    Map<String, String> docs = new TreeMap<>();
    listing
        .path("documents")
        .fields()
        .forEachRemaining(e -> docs.put(e.getKey(), e.getValue().asText()));
    return docs;
  }

  /** The stored data format the backend reports. */
  int format() throws Exception {
    return listing().path("format").asInt();
  }

  private JsonNode listing() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Convex " + adminKey)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + url + ": " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }
}
