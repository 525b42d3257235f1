package dev.provision.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provision.convex.AdminKeys;
import dev.provision.convex.InstanceSecret;
import dev.provision.driver.convex.HttpConvexAdminApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small readers of a live test deployment: HTTP answers, the secrets file, the admin API. */
final class Live {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Live() {}

  static int status(String url) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url)).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static String instanceSecret(Path secretsFile) throws IOException {
    return secretsFileValue(secretsFile, "instanceSecret");
  }

  /** The current value of {@code key} in a secrets file. */
  static String secretsFileValue(Path secretsFile, String key) throws IOException {
    return JSON.readTree(secretsFile.toFile()).path(key).asText();
  }

  static String adminKey(String deployment, String secretHex) {
    return AdminKeys.issue(deployment, InstanceSecret.parse(secretHex, "test").bytes(), false);
  }

  static HttpConvexAdminApi api(String cloudUrl, String adminKey) {
    return new HttpConvexAdminApi(URI.create(cloudUrl), adminKey);
  }

  static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }

  static String envFileValue(Path file, String key) throws IOException {
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith(key + "=")) {
        String v = line.substring(key.length() + 1);
        return v.startsWith("'") ? v.substring(1, v.length() - 1) : v;
      }
    }
    return null;
  }
}
