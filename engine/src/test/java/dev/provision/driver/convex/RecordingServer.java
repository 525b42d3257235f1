package dev.provision.driver.convex;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted HTTP server on 127.0.0.1 and a free port that records every request exactly (method,
 * path, the headers the client must send, body) and answers from a table by path.
 */
final class RecordingServer implements AutoCloseable {
  /** One request as received. Header values are null when absent. */
  record Received(
      String method,
      String path,
      String authorization,
      String contentType,
      String client,
      String body) {}

  /** A scripted answer. */
  record Answer(int status, String body, long delayMillis) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  RecordingServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          var headers = exchange.getRequestHeaders();
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  headers.getFirst("Authorization"),
                  headers.getFirst("Content-Type"),
                  headers.getFirst("Convex-Client"),
                  body));
          Answer answer =
              answers.getOrDefault(exchange.getRequestURI().getPath(), new Answer(404, "", 0));
          if (answer.delayMillis() > 0) {
            try {
              Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
          if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
          }
          exchange.close();
        });
    server.setExecutor(executor);
    server.start();
  }

  RecordingServer answer(String path, int status, String body) {
    answers.put(path, new Answer(status, body, 0));
    return this;
  }

  RecordingServer answerSlowly(String path, long delayMillis) {
    answers.put(path, new Answer(200, "late", delayMillis));
    return this;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
