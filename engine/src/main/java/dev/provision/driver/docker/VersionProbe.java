package dev.provision.driver.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.provision.diag.ProvisionException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Learns the API version to speak ({@link ApiVersionChoice}) through the connection's own client
 * within a deadline, so that one client serves the whole run even when its calls have no response
 * timeout (pulls may legitimately be silent for minutes, an engine that never answers its first
 * call may not).
 */
final class VersionProbe {
  private VersionProbe() {}

  /**
   * The API version to speak with the engine at {@code endpoint}; {@code http} is closed when that
   * fails.
   *
   * @throws ProvisionException naming the endpoint when the engine does not answer within {@code
   *     wait}, is not a Docker engine, or speaks no version this client does
   */
  static String negotiate(DockerHttpClient http, DockerEndpoint endpoint, Duration wait) {
    JsonNode version;
    try {
      version = ask(() -> versions(http, endpoint), wait, http);
      if (version == null) {
        throw EngineChecks.unreachable(endpoint, "no /version endpoint", null);
      }
    } catch (ProvisionException e) {
      DockerConnection.closeQuietly(http);
      throw e;
    } catch (TimeoutException e) {
      DockerConnection.closeQuietly(http);
      throw EngineChecks.unreachable(
          endpoint, "no answer to /version within " + wait.toSeconds() + " s", null);
    } catch (IOException | RuntimeException e) {
      DockerConnection.closeQuietly(http);
      throw EngineChecks.unreachable(endpoint, DockerFailures.rootMessage(e), e);
    }
    try {
      return ApiVersionChoice.choose(
          text(version, "ApiVersion"), text(version, "MinAPIVersion"), endpoint.host().toString());
    } catch (ProvisionException e) {
      DockerConnection.closeQuietly(http);
      throw e;
    }
  }

  /**
   * The engine's API versions as {@code /version} gives them ({@code ApiVersion}, {@code
   * MinAPIVersion}). {@code /_ping} names the newest in a header and answers at once, where {@code
   * /version} asks the engine's components theirs (about 7 ms of a short command): when that newest
   * is one this client speaks, it is the version to use and the oldest cannot matter. Otherwise, or
   * when the ping says nothing, {@code /version} is asked.
   */
  private static Optional<JsonNode> versions(DockerHttpClient http, DockerEndpoint endpoint) {
    DockerHttpClient.Request ping =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.GET)
            .path("/_ping")
            .build();
    String newest = null;
    try (DockerHttpClient.Response response = http.execute(ping);
        InputStream body = response.getBody()) {
      if (response.getStatusCode() == 200) {
        newest = response.getHeader("Api-Version");
      }
      if (body != null) {
        body.readAllBytes();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (newest != null && ApiVersionChoice.spoken(newest)) {
      return Optional.of(JsonNodeFactory.instance.objectNode().put("ApiVersion", newest.strip()));
    }
    return DockerConnection.get(http, "/version", endpoint);
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  /**
   * @return the answer, or null when the engine has no {@code /version}
   * @throws TimeoutException after {@code wait} without an answer ({@code client} is then closed,
   *     which ends the pending call)
   */
  static JsonNode ask(Supplier<Optional<JsonNode>> call, Duration wait, Closeable client)
      throws TimeoutException, IOException {
    CompletableFuture<Optional<JsonNode>> answer =
        CompletableFuture.supplyAsync(
            call,
            task -> {
              Thread t = new Thread(task, "provision-docker-version");
              t.setDaemon(true);
              t.start();
            });
    try {
      return answer.get(wait.toMillis(), TimeUnit.MILLISECONDS).orElse(null);
    } catch (TimeoutException e) {
      client.close();
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      client.close();
      throw new IOException("interrupted while asking the engine's /version", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    }
  }
}
