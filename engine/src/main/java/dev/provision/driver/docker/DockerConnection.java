package dev.provision.driver.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.provision.diag.ProvisionException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * One open connection to a Docker engine: the docker-java client, configured with the API version
 * the daemon negotiated (see {@link ApiVersionChoice}), plus plain JSON GETs for the inspect calls
 * whose fields docker-java does not model (stop signal and stop timeout). Opening it asks the
 * daemon's {@code /version}, so an unreachable engine fails here, once, with a clear message.
 */
public final class DockerConnection implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration VERSION_WAIT = Duration.ofSeconds(15);

  private final DockerEndpoint endpoint;
  private final String apiVersion;
  private final DockerHttpClient http;
  private final DefaultDockerClientConfig config;
  private final boolean timed;
  private final int maxConnections;
  private DockerClient client;
  private DockerHttpClient general;
  private DockerHttpClient streams;

  private DockerConnection(
      DockerEndpoint endpoint,
      String apiVersion,
      DockerHttpClient http,
      DefaultDockerClientConfig config,
      boolean timed,
      int maxConnections) {
    this.endpoint = endpoint;
    this.apiVersion = apiVersion;
    this.http = http;
    this.config = config;
    this.timed = timed;
    this.maxConnections = maxConnections;
  }

  /**
   * Connects to {@code endpoint}.
   *
   * @param dockerConfig the docker CLI config folder (registry credentials for pulls)
   */
  public static DockerConnection open(DockerEndpoint endpoint, String dockerConfig) {
    return open(endpoint, dockerConfig, null, 20);
  }

  /**
   * Connects to {@code endpoint} with a read timeout on every call ({@code responseTimeout}, null
   * for none) and at most {@code maxConnections} connections (for a tunnel with few channels).
   */
  public static DockerConnection open(
      DockerEndpoint endpoint, String dockerConfig, Duration responseTimeout, int maxConnections) {
    EngineChecks.checkSocket(endpoint);
    EngineChecks.checkCertificates(endpoint);
    // One HTTP client for the whole run's raw calls: it asks the API version first (within 15 s, so
    // an engine that accepts connections but never answers fails here), then serves every call.
    // On a local socket without a response timeout that is the small client of whole answers;
    // docker-java's commands and streamed answers then get the general client on first use.
    DockerHttpClient http =
        endpoint.local() && responseTimeout == null
            ? new UnixSocketHttp(java.nio.file.Path.of(endpoint.host().getPath()))
            : httpClient(endpoint, responseTimeout, maxConnections);
    String api = VersionProbe.negotiate(http, endpoint, VERSION_WAIT);
    DefaultDockerClientConfig.Builder config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(endpoint.host().toString())
            .withApiVersion(api)
            .withDockerConfig(dockerConfig)
            .withDockerTlsVerify(endpoint.tls());
    if (endpoint.tls()) {
      config.withDockerCertPath(endpoint.certPath());
    }
    return new DockerConnection(
        endpoint, api, http, config.build(), responseTimeout != null, maxConnections);
  }

  /**
   * Loads what opening a connection to a local engine needs (the HTTP client's classes, a selector,
   * the JSON parser) without connecting: for a caller that can do it beside other start-up work.
   * Safe to call from any thread.
   */
  public static void prepare() {
    try {
      JSON.readTree("{\"ApiVersion\":\"1.41\",\"Labels\":{}}");
      java.nio.channels.Selector.open().close();
    } catch (IOException e) {
      // a fixed document and a selector: cannot fail, and preparing is only an optimisation
    }
    closeQuietly(
        new UnixSocketHttp(
            java.nio.file.Path.of(java.net.URI.create(DockerEndpoint.DEFAULT_HOST).getPath())));
  }

  /**
   * docker-java's client, made on first use: reads (observation, inspects, the lock) are raw JSON
   * calls, so a run that changes nothing never loads docker-java's command and model classes.
   */
  public synchronized DockerClient client() {
    if (client == null) {
      client = DockerClientImpl.getInstance(config, general());
    }
    return client;
  }

  /** Whether docker-java's HTTP client was set up (tests: a run that changes nothing does not). */
  synchronized boolean generalMade() {
    return general != null || client != null;
  }

  /**
   * The general client (streams, attach, docker-java): the raw one unless that is the small one.
   */
  private synchronized DockerHttpClient general() {
    if (!(http instanceof UnixSocketHttp)) {
      return http;
    }
    if (general == null) {
      general = httpClient(endpoint, null, maxConnections);
    }
    return general;
  }

  public DockerEndpoint endpoint() {
    return endpoint;
  }

  public String apiVersion() {
    return apiVersion;
  }

  /** GET {@code /v<api><path>} as JSON; empty on 404. */
  public Optional<JsonNode> getJson(String path) {
    return DockerFailures.call(
        "GET " + path,
        endpoint.host().toString(),
        () -> get(http, "/v" + apiVersion + path, endpoint));
  }

  /**
   * POST {@code /v<api><path>} with a JSON body; fails with the engine's message on an error. For
   * the few calls docker-java sends wrongly (its update command drops the restart policy).
   */
  void postJson(String path, JsonNode body) {
    post(
        path,
        "application/json",
        body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** An engine's answer to {@link #exchange}: the HTTP status and the JSON body (null if none). */
  public record Answer(int status, JsonNode body) {
    public boolean ok() {
      return status / 100 == 2;
    }

    /** The engine's {@code message} field (or its answer when not JSON), or empty. */
    public String message() {
      if (body != null && body.isTextual()) {
        return body.asText().strip();
      }
      return body != null && body.hasNonNull("message") ? body.get("message").asText() : "";
    }
  }

  /**
   * One raw call of {@code method} on {@code /v<api><pathAndQuery>} with an optional JSON body,
   * answered whatever its status: for callers that tell a conflict (409) or a missing object (404)
   * from a failure themselves, such as the Swarm driver. An I/O failure throws.
   */
  public Answer exchange(String method, String pathAndQuery, JsonNode body) {
    DockerHttpClient.Request.Builder request =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.valueOf(method))
            .path("/v" + apiVersion + pathAndQuery);
    if (body != null) {
      request
          .headers(java.util.Map.of("Content-Type", "application/json"))
          .bodyBytes(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return DockerFailures.call(
        method + " " + pathAndQuery,
        endpoint.host().toString(),
        () -> {
          try (DockerHttpClient.Response response = http.execute(request.build());
              InputStream in = response.getBody()) {
            byte[] bytes = in == null ? new byte[0] : in.readAllBytes();
            JsonNode json = null;
            try {
              json = bytes.length == 0 ? null : JSON.readTree(bytes);
            } catch (IOException notJson) {
              json =
                  JSON.getNodeFactory()
                      .textNode(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
            return new Answer(response.getStatusCode(), json);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  /**
   * POST {@code /v<api><path>} with a tar body (used to import an image with a LABEL change, which
   * docker-java's import command cannot express). Fails with the engine's answer unless 2xx.
   */
  void postTar(String path, byte[] tar) {
    post(path, "application/x-tar", tar);
  }

  /**
   * One raw POST. An answer that is not 2xx, or a streamed answer that reports an error (the import
   * call answers 200 and streams its error), fails with the engine's message.
   */
  private void post(String path, String contentType, byte[] bytes) {
    DockerFailures.run(
        "POST " + path,
        endpoint.host().toString(),
        () -> {
          DockerHttpClient.Request request =
              DockerHttpClient.Request.builder()
                  .method(DockerHttpClient.Request.Method.POST)
                  .path("/v" + apiVersion + path)
                  .headers(java.util.Map.of("Content-Type", contentType))
                  .bodyBytes(bytes)
                  .build();
          try (DockerHttpClient.Response response = http.execute(request);
              InputStream body = response.getBody()) {
            int status = response.getStatusCode();
            String answer =
                new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (status / 100 != 2 || answer.contains("\"error\"")) {
              throw ProvisionException.of(
                  "POST "
                      + path
                      + " answered "
                      + status
                      + " on Docker "
                      + endpoint.host()
                      + ": "
                      + message(answer),
                  "see the engine's log (journalctl -u docker)");
            }
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  /**
   * One raw GET of {@code pathAndQuery} (after the API version) whose answer the caller reads as a
   * stream and closes: for answers that may never end, such as a followed log. Such an answer may
   * rightly be silent for hours (a quiet container), so it is read without the response timeout the
   * other calls have (over SSH the link's keepalive still notices a dead connection).
   */
  public DockerHttpClient.Response openStream(String pathAndQuery) {
    return streams()
        .execute(
            DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/v" + apiVersion + pathAndQuery)
                .build());
  }

  /** The client for {@link #openStream}: the main one unless that has a response timeout. */
  private synchronized DockerHttpClient streams() {
    if (!timed) {
      return general();
    }
    if (streams == null) {
      streams = httpClient(endpoint, null, 2);
    }
    return streams;
  }

  /** The engine's {@code message} (or {@code error}) from a JSON answer, else the answer. */
  private static String message(String answer) {
    try {
      for (String line : answer.strip().split("\n")) {
        JsonNode node = JSON.readTree(line);
        if (node != null && node.hasNonNull("message")) {
          return node.get("message").asText();
        }
        if (node != null && node.hasNonNull("error")) {
          return node.get("error").asText();
        }
      }
    } catch (IOException e) {
      // not JSON: show it as it came
    }
    return answer.strip();
  }

  /**
   * GET {@code path} as JSON through {@code http}; empty on 404, the engine's message otherwise.
   */
  static Optional<JsonNode> get(DockerHttpClient http, String path, DockerEndpoint endpoint) {
    DockerHttpClient.Request request =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.GET)
            .path(path)
            .build();
    try (DockerHttpClient.Response response = http.execute(request);
        InputStream body = response.getBody()) {
      int status = response.getStatusCode();
      if (status == 404) {
        return Optional.empty();
      }
      JsonNode node = JSON.readTree(body);
      if (status / 100 != 2) {
        String message =
            node != null && node.hasNonNull("message") ? node.get("message").asText() : "";
        throw ProvisionException.of(
            "GET "
                + path
                + " answered "
                + status
                + " on Docker "
                + endpoint.host()
                + ": "
                + message,
            "see the engine's log (journalctl -u docker)");
      }
      return Optional.ofNullable(node);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static DockerHttpClient httpClient(
      DockerEndpoint endpoint, Duration responseTimeout, int maxConnections) {
    ApacheDockerHttpClient.Builder builder =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(endpoint.host())
            .maxConnections(maxConnections)
            .connectionTimeout(Duration.ofSeconds(10));
    if (responseTimeout != null) {
      builder.responseTimeout(responseTimeout);
    }
    // By default no response timeout: pulls and long stops legitimately take minutes. A caller on
    // a link that can die silently passes one longer than any legitimate silence.
    // For a tcp:// engine the client speaks https whenever it is given a TLS context, so a plain
    // tcp engine (an SSH tunnel, a remote engine without TLS) must get none; only a unix socket,
    // which never uses one, gets the refusing context that spares building the JVM's default.
    if (endpoint.tls()) {
      builder.sslConfig(new LocalDirectorySSLConfig(endpoint.certPath()));
    } else if (endpoint.local()) {
      builder.sslConfig(() -> NoTlsContext.INSTANCE);
    }
    return builder.build();
  }

  static void closeQuietly(DockerHttpClient http) {
    try {
      http.close();
    } catch (IOException e) {
      // nothing was opened through it that could be left behind
    }
  }

  @Override
  public void close() {
    DockerClient made;
    DockerHttpClient madeGeneral;
    synchronized (this) {
      made = client;
      madeGeneral = general;
      if (streams != null) {
        closeQuietly(streams);
      }
    }
    try {
      if (made != null) {
        made.close(); // closes the general client it was made with
      } else if (madeGeneral != null) {
        madeGeneral.close();
      }
      if (made == null || http instanceof UnixSocketHttp) {
        http.close();
      }
    } catch (IOException e) {
      // closing a finished connection has nothing left to report
    }
  }
}
