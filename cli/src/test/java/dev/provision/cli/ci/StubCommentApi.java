package dev.provision.cli.ci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of GitHub's REST API that {@code examples/ci/plan-pr.sh} uses, in memory on 127.0.0.1:
 * list a pull request's comments (paged), create, update and delete a comment. Each request is
 * recorded as {@code METHOD path}; a request without the expected bearer token is refused with 401.
 * Not GitHub: no users, no rate limits, one repository.
 */
final class StubCommentApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LIST =
      Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/comments");
  private static final Pattern ONE = Pattern.compile("/repos/([^/]+/[^/]+)/issues/comments/(\\d+)");

  private final HttpServer server;
  private final String repository;
  private final String token;
  private final Map<Long, String> comments = new LinkedHashMap<>();
  private final List<String> requests = new ArrayList<>();
  private long nextId = 1000;

  StubCommentApi(String repository, String token) throws IOException {
    this.repository = repository;
    this.token = token;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A comment someone else wrote, which the script must leave alone. */
  synchronized long addComment(String body) {
    comments.put(++nextId, body);
    return nextId;
  }

  synchronized Map<Long, String> comments() {
    return new LinkedHashMap<>(comments);
  }

  /** The requests since the last call, as {@code METHOD path} (query left out). */
  synchronized List<String> takeRequests() {
    List<String> taken = List.copyOf(requests);
    requests.clear();
    return taken;
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    requests.add(method + " " + path);
    byte[] in = exchange.getRequestBody().readAllBytes();
    if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      send(exchange, 401, "{\"message\":\"Bad credentials\"}");
      return;
    }
    Matcher list = LIST.matcher(path);
    Matcher one = ONE.matcher(path);
    if (list.matches() && list.group(1).equals(repository) && method.equals("GET")) {
      String query = String.valueOf(exchange.getRequestURI().getQuery());
      boolean first = query.matches("(.*&)?page=1(&.*)?");
      send(exchange, 200, first ? page() : "[]");
    } else if (list.matches() && list.group(1).equals(repository) && method.equals("POST")) {
      long id = addComment(JSON.readTree(in).get("body").asText());
      send(exchange, 201, comment(id).toString());
    } else if (one.matches() && comments.containsKey(Long.parseLong(one.group(2)))) {
      long id = Long.parseLong(one.group(2));
      switch (method) {
        case "PATCH" -> {
          comments.put(id, JSON.readTree(in).get("body").asText());
          send(exchange, 200, comment(id).toString());
        }
        case "DELETE" -> {
          comments.remove(id);
          send(exchange, 204, null);
        }
        default -> send(exchange, 405, "{}");
      }
    } else {
      send(exchange, 404, "{\"message\":\"Not Found\"}");
    }
  }

  private String page() {
    ArrayNode page = JSON.createArrayNode();
    comments.keySet().forEach(id -> page.add(comment(id)));
    return page.toString();
  }

  private ObjectNode comment(long id) {
    return JSON.createObjectNode().put("id", id).put("body", comments.get(id));
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
