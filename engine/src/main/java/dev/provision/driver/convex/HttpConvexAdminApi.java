package dev.provision.driver.convex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.http.PlainHttp;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@link ConvexAdminApi} over HTTP ({@link PlainHttp}). Sends {@code Authorization: Convex <key>}
 * only on admin calls, {@code Content-Type: application/json} and {@code Convex-Client:
 * provision-0.1.0}. Every call has a deadline. Holds the admin key but never shows it: not in
 * {@link #toString()}, not in any exception.
 */
public final class HttpConvexAdminApi implements ConvexAdminApi {
  /** The client name the backend sees (it must look like {@code name-1.2.3}). */
  public static final String CLIENT = "provision-0.1.0";

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String adminKey;
  private final Duration requestTimeout;
  private final PlainHttp http;

  /** With default timeouts. */
  public HttpConvexAdminApi(URI baseUri, String adminKey) {
    this(baseUri, adminKey, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  /**
   * @param baseUri the backend's API origin, e.g. {@code http://127.0.0.1:3210} (a path prefix is
   *     kept; a trailing slash is ignored)
   * @param adminKey the admin key, or null when only {@code version} and {@code instanceName} are
   *     used
   */
  public HttpConvexAdminApi(
      URI baseUri, String adminKey, Duration connectTimeout, Duration requestTimeout) {
    String text = Objects.requireNonNull(baseUri, "baseUri").toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.adminKey = adminKey;
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.http = new PlainHttp(connectTimeout, requestTimeout);
  }

  @Override
  public String version() {
    return send(ConvexApiRequests.version()).body().strip();
  }

  @Override
  public String instanceName() {
    return send(ConvexApiRequests.instanceName()).body().strip();
  }

  @Override
  public AdminKeyStatus checkAdminKey() {
    ApiRequest request = ConvexApiRequests.checkAdminKey();
    try {
      JsonNode json = json(request, send(request).body());
      if (!json.path("success").asBoolean(false)) {
        return new AdminKeyStatus.Rejected(200, null, "the backend did not confirm the key");
      }
      List<String> ops = new ArrayList<>();
      json.path("allowedOps").forEach(op -> ops.add(op.asText()));
      return new AdminKeyStatus.Accepted(json.path("isReadOnly").asBoolean(false), ops);
    } catch (ConvexApiException e) {
      if (e.status() == 401 || e.status() == 403) {
        return new AdminKeyStatus.Rejected(e.status(), e.code(), e.backendMessage());
      }
      throw e;
    }
  }

  @Override
  public SortedMap<String, String> listEnvironmentVariables() {
    ApiRequest request = ConvexApiRequests.listEnvironmentVariables();
    JsonNode vars = json(request, send(request).body()).path("environmentVariables");
    if (!vars.isObject()) {
      throw unexpected(request, "no environmentVariables object");
    }
    SortedMap<String, String> out = new TreeMap<>();
    vars.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  @Override
  public void updateEnvironmentVariables(List<EnvChange> changes) {
    if (!changes.isEmpty()) {
      send(ConvexApiRequests.updateEnvironmentVariables(changes));
    }
  }

  @Override
  public void updateCanonicalUrl(CanonicalUrlDestination destination, String url) {
    send(ConvexApiRequests.updateCanonicalUrl(destination, url));
  }

  /** Sends a request; a non-2xx answer becomes a {@link ConvexApiException}. */
  PlainHttp.Answer send(ApiRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Convex-Client", CLIENT);
    if (request.admin()) {
      if (adminKey == null || adminKey.isBlank()) {
        throw ProvisionException.of(
            request.describe() + " needs an admin key and none was given",
            "let provision issue one from the instance secret, or pass the key");
      }
      headers.put("Authorization", "Convex " + adminKey);
    }
    PlainHttp.Answer response;
    try {
      response =
          http.exchange(
              request.method(), URI.create(base + request.path()), headers, request.body());
    } catch (SocketTimeoutException e) {
      throw ProvisionException.of(
          "the Convex backend at "
              + base
              + " did not answer "
              + request.describe()
              + " within "
              + describe(requestTimeout),
          "check that the backend is healthy (GET " + base + "/version) and not overloaded");
    } catch (IOException e) {
      throw ProvisionException.of(
          "could not reach the Convex backend at "
              + base
              + " for "
              + request.describe()
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          "check that the backend container runs and that the URL and port (3210) are right");
    }
    if (response.status() / 100 != 2) {
      throw ApiErrors.of(base, request, response.status(), response.body(), adminKey);
    }
    return response;
  }

  private JsonNode json(ApiRequest request, String body) {
    try {
      return JSON.readTree(body == null ? "" : body);
    } catch (IOException e) {
      throw unexpected(request, "the answer is not JSON");
    }
  }

  private ProvisionException unexpected(ApiRequest request, String what) {
    return ProvisionException.of(
        "unexpected answer from the Convex backend at "
            + base
            + " to "
            + request.describe()
            + ": "
            + what,
        "check that the URL points at a Convex backend's API port (3210), not the dashboard or"
            + " a proxy page");
  }

  private static String describe(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  @Override
  public String toString() {
    return "HttpConvexAdminApi[" + base + "]";
  }
}
