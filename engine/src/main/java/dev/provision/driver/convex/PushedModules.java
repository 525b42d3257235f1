package dev.provision.driver.convex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provision.diag.ProvisionException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * How many modules of the app's functions a backend runs, read back with {@code POST
 * /api/get_config_hashes} (the call the Convex CLI makes before each push; it lists one hash per
 * pushed module, shared chunks under {@code _deps/} included). For {@code status} and {@code
 * doctor} only: the admin key goes in the header, never in a message.
 */
public final class PushedModules {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PushedModules() {}

  /**
   * The module count.
   *
   * @throws ProvisionException when the backend does not answer with the expected JSON
   */
  public static int count(URI base, String adminKey, Duration timeout) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/api/get_config_hashes"))
            .timeout(timeout)
            .header("Authorization", "Convex " + adminKey)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode hashes = r.statusCode() == 200 ? JSON.readTree(r.body()).path("moduleHashes") : null;
      if (hashes == null || !hashes.isArray()) {
        throw ProvisionException.of(
            "the backend did not list its modules (HTTP " + r.statusCode() + ")",
            "check the backend with `provision doctor`");
      }
      return hashes.size();
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot read the backend's modules: " + e.getMessage(),
          "check the backend with `provision doctor`");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProvisionException.of("interrupted reading the backend's modules", "run it again");
    }
  }
}
