package dev.provision.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TEST STAND-IN: the push protocol in-process (the real CLI's brotli bodies are exercised by
 * FunctionsIT; here bodies are plain or gzip). A finished push replaces the modules; a start that
 * never finishes changes nothing; replies carry the fields the CLI's schemas require.
 */
class FunctionsApiTest {
  private static final KeyVerifier KEYS =
      key ->
          key.equals("k|rw") ? new KeyVerifier.Verdict(true, false) : KeyVerifier.Verdict.invalid();
  private static final String START =
      "{\"adminKey\":\"k|rw\",\"dryRun\":false,\"functions\":\"convex/\",\"appDefinition\":"
          + "{\"definition\":null,\"dependencies\":[],\"schema\":null,\"changedModules\":"
          + "[{\"path\":\"messages.js\",\"source\":\"S\",\"environment\":\"isolate\"}],"
          + "\"unchangedModuleHashes\":[{\"path\":\"send.js\",\"environment\":\"isolate\","
          + "\"sha256\":\"abc\"}],\"udfServerVersion\":\"1.48.0\"},\"componentDefinitions\":[],"
          + "\"nodeDependencies\":[]}";

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private Store store;
  private BackendServer server;

  @BeforeEach
  void start() throws Exception {
    store = Store.open(DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db.sqlite3")));
    InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
    server =
        BackendServer.start(
            any,
            any,
            "v-test",
            "test-instance",
            new BackendServer.Parts(KEYS, store, "", () -> {}));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    store.close();
  }

  @Test
  void aFinishedPushReplacesTheModulesAndAnUnfinishedOneChangesNothing() throws Exception {
    JsonNode started = json(post("/api/deploy2/start_push", START.getBytes(), null));
    assertThat(started.path("analysis").path("").path("functions").has("messages.js")).isTrue();
    assertThat(started.path("schemaChange").isObject()).isTrue();
    assertThat(started.path("app").path("httpRoutes").path("mounts").isArray()).isTrue();
    assertThat(json(get("/api/standin/modules")).path("modules")).isEmpty();

    assertThat(
            json(post("/api/deploy2/wait_for_schema", "{}".getBytes(), null)).path("type").asText())
        .isEqualTo("complete");
    String finish = "{\"adminKey\":\"k|rw\",\"dryRun\":false,\"startPush\":" + started + "}";
    JsonNode diff = json(post("/api/deploy2/finish_push", gzip(finish), "gzip"));
    assertThat(diff.path("componentDiffs").path("").path("moduleDiff").path("added").toString())
        .isEqualTo("[\"messages.js\",\"send.js\"]");
    JsonNode modules = json(get("/api/standin/modules")).path("modules");
    assertThat(modules.get(0).path("path").asText()).isEqualTo("messages.js");
    // the CLI's own module hash: SHA-256 of source then source map
    assertThat(modules.get(0).path("sha256").asText())
        .isEqualTo("8de0b3c47f112c59745f717a626932264c422a7563954872e237b223af4ad643");
    assertThat(modules.get(1).path("sha256").asText()).isEqualTo("abc");
    JsonNode hashes = json(post("/api/get_config_hashes", "{}".getBytes(), null));
    assertThat(hashes.path("moduleHashes")).hasSize(2);
    assertThat(hashes.path("config").path("functions").asText()).isEqualTo("convex/");

    post("/api/deploy2/start_push", START.replace("messages.js", "other.js").getBytes(), null);
    assertThat(json(get("/api/standin/modules")).path("modules")).hasSize(2);
    assertThat(json(get("/api/standin/modules")).path("modules").get(0).path("path").asText())
        .isEqualTo("messages.js");
  }

  @Test
  void envSetOfTheCliUsesTheUnversionedPath() throws Exception {
    HttpResponse<String> r =
        http.send(
            request("/api/update_environment_variables", "k|rw")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"changes\":[{\"name\":\"A\",\"value\":\"1\"}]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(store.envVars()).containsEntry("A", "1");
  }

  @Test
  void aBadKeyIsRefused() throws Exception {
    HttpResponse<String> r =
        http.send(
            request("/api/deploy2/start_push", "other|key")
                .POST(HttpRequest.BodyPublishers.ofString(START))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
  }

  private HttpRequest.Builder request(String path, String key) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.apiPort() + path))
        .header("Authorization", "Convex " + key)
        .header("Content-Type", "application/json");
  }

  private String get(String path) throws Exception {
    return http.send(request(path, "k|rw").build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private String post(String path, byte[] body, String encoding) throws Exception {
    HttpRequest.Builder b = request(path, "k|rw");
    if (encoding != null) {
      b.header("Content-Encoding", encoding);
    }
    HttpResponse<String> r =
        http.send(
            b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private static JsonNode json(String text) throws Exception {
    return Http.JSON.readTree(text);
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
