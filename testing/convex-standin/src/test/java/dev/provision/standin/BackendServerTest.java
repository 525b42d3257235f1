package dev.provision.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TEST STAND-IN: the HTTP surface in-process, over SQLite in a temp folder, with a fake key
 * verifier ("k|rw" read-write, "k|ro" read-only, anything else invalid). No Docker.
 */
class BackendServerTest {
  private static final KeyVerifier KEYS =
      key ->
          switch (key) {
            case "k|rw" -> new KeyVerifier.Verdict(true, false);
            case "k|ro" -> new KeyVerifier.Verdict(true, true);
            default -> KeyVerifier.Verdict.invalid();
          };
  private static final String BAD_KEY =
      "{\"code\":\"BadAdminKey\",\"message\":\"The provided admin key was invalid for this instance\"}";

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private Store store;
  private BackendServer server;

  @BeforeEach
  void start() throws Exception {
    startServer();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    store.close();
  }

  @Test
  void unauthenticatedEndpoints() throws Exception {
    assertThat(get("/version", null).body()).isEqualTo("v-test");
    assertThat(get("/instance_name", null).body()).isEqualTo("test-instance");
    assertThat(get("/", null).statusCode()).isEqualTo(200);
    assertThat(get("/nope", null).statusCode()).isEqualTo(404);
  }

  @Test
  void checkAdminKeyAnswersLikeTheBackend() throws Exception {
    assertThat(get("/api/check_admin_key", "k|rw").body())
        .isEqualTo("{\"success\":true,\"allowedOps\":[],\"isReadOnly\":false}");
    assertThat(get("/api/check_admin_key", "k|ro").body())
        .isEqualTo(
            "{\"success\":true,\"allowedOps\":[\"ViewEnvironmentVariables\",\"ViewLogs\","
                + "\"ViewMetrics\",\"ViewIntegrations\",\"ViewData\",\"ViewBackups\","
                + "\"DownloadBackups\",\"RunInternalQueries\",\"RunTestQuery\",\"ViewAuditLog\","
                + "\"ViewUsageLimits\",\"ViewUsage\"],\"isReadOnly\":true}");
    HttpResponse<String> bad = get("/api/check_admin_key", "other|key");
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.body()).isEqualTo(BAD_KEY);
    assertThat(get("/api/v1/list_environment_variables", null).statusCode()).isEqualTo(401);
  }

  @Test
  void envVarsAreSetDeletedAndKeptAcrossARestart() throws Exception {
    HttpResponse<String> set =
        post(
            "/api/v1/update_environment_variables",
            "k|rw",
            "{\"changes\":[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"2\"}]}");
    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(set.body()).isEmpty();
    post(
        "/api/v1/update_environment_variables",
        "k|rw",
        "{\"changes\":[{\"name\":\"B\",\"value\":null}]}");
    stop();
    startServer();
    assertThat(get("/api/v1/list_environment_variables", "k|ro").body())
        .isEqualTo("{\"environmentVariables\":{\"A\":\"1\"}}");
  }

  @Test
  void envVarRulesAndReadOnlyKeysAreEnforced() throws Exception {
    HttpResponse<String> badName =
        post(
            "/api/v1/update_environment_variables",
            "k|rw",
            "{\"changes\":[{\"name\":\"1BAD\",\"value\":\"x\"}]}");
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(badName.body()).contains("\"code\":\"InvalidEnvVarName\"");
    HttpResponse<String> readOnly =
        post("/api/v1/update_environment_variables", "k|ro", "{\"changes\":[]}");
    assertThat(readOnly.statusCode()).isEqualTo(403);
    assertThat(readOnly.body()).contains("\"code\":\"OperationNotPermitted\"");
    HttpResponse<String> builtIn =
        post(
            "/api/v1/update_environment_variables",
            "k|rw",
            "{\"changes\":[{\"name\":\"CONVEX_SITE_URL\",\"value\":\"https://x\"}]}");
    assertThat(builtIn.statusCode()).isEqualTo(400);
    assertThat(builtIn.body()).contains("\"code\":\"EnvVarNameForbidden\"");
    assertThat(post("/api/v1/update_environment_variables", "nope", "{\"changes\":[]}").body())
        .isEqualTo(BAD_KEY);
    assertThat(post("/api/v1/update_environment_variables", "k|rw", "{not json").statusCode())
        .isEqualTo(400);
  }

  @Test
  void theAppsDeclaredEnvVarsAreEnforced() throws Exception {
    stop();
    declared =
        DeclaredEnvVars.fromEnv(
            java.util.Map.of(
                "STANDIN_REQUIRED_ENV", "NEEDED", "STANDIN_ENV_PATTERN_PORT", "[0-9]+"));
    startServer();
    String set = "{\"changes\":[{\"name\":\"NEEDED\",\"value\":\"x\"}]}";
    assertThat(post("/api/v1/update_environment_variables", "k|rw", set).statusCode())
        .isEqualTo(200);
    HttpResponse<String> delete =
        post(
            "/api/v1/update_environment_variables",
            "k|rw",
            "{\"changes\":[{\"name\":\"NEEDED\",\"value\":null}]}");
    assertThat(delete.statusCode()).isEqualTo(400);
    assertThat(delete.body()).contains("\"code\":\"RequiredEnvironmentVariable\"");
    HttpResponse<String> invalid =
        post(
            "/api/v1/update_environment_variables",
            "k|rw",
            "{\"changes\":[{\"name\":\"PORT\",\"value\":\"eighty\"}]}");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("\"code\":\"InvalidEnvironmentVariable\"");
    assertThat(get("/api/v1/list_environment_variables", "k|ro").body())
        .isEqualTo("{\"environmentVariables\":{\"NEEDED\":\"x\"}}");
  }

  @Test
  void anImageOlderThanTheEnvVarApiAnswers404() throws Exception {
    stop();
    envApi = false;
    startServer();
    assertThat(get("/api/v1/list_environment_variables", "k|rw").statusCode()).isEqualTo(404);
    assertThat(
            post("/api/v1/update_environment_variables", "k|rw", "{\"changes\":[]}").statusCode())
        .isEqualTo(404);
    assertThat(get("/api/check_admin_key", "k|rw").statusCode()).isEqualTo(200);
  }

  @Test
  void canonicalUrlAndAuthDiscovery() throws Exception {
    assertThat(
            post(
                    "/api/v1/update_canonical_url",
                    "k|rw",
                    "{\"requestDestination\":\"convexSite\",\"url\":\"https://site.example\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(getSite("/.well-known/openid-configuration").statusCode()).isEqualTo(404);
    post(
        "/api/v1/update_environment_variables",
        "k|rw",
        "{\"changes\":[{\"name\":\"JWKS\",\"value\":\"{\\\"keys\\\":[]}\"}]}");
    assertThat(getSite("/.well-known/jwks.json").body()).isEqualTo("{\"keys\":[]}");
    assertThat(getSite("/.well-known/openid-configuration").body())
        .contains("\"issuer\":\"https://site.example\"");
    assertThat(get("/http/.well-known/jwks.json", null).body()).isEqualTo("{\"keys\":[]}");
  }

  @Test
  void theSyncPathAnswersAWebsocketHandshake() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.apiPort())) {
      socket.setSoTimeout(5000);
      socket
          .getOutputStream()
          .write(
              ("GET /api/sync HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n"
                      + "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String head =
          new String(
              socket.getInputStream().readNBytes(60), java.nio.charset.StandardCharsets.US_ASCII);
      assertThat(head).startsWith("HTTP/1.1 101 ");
    }
    // RFC 6455's example key and answer
    assertThat(SyncUpgrade.accept("dGhlIHNhbXBsZSBub25jZQ=="))
        .isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }

  @Test
  void aSecondBackendOnTheSameDatabaseTakesTheLease() throws Exception {
    try (Store second = Store.open(DriverManager.getConnection(jdbcUrl()))) {
      HttpResponse<String> write =
          post(
              "/api/v1/update_environment_variables",
              "k|rw",
              "{\"changes\":[{\"name\":\"A\",\"value\":\"1\"}]}");
      assertThat(write.statusCode()).isEqualTo(500);
      assertThat(write.body()).contains("LeaseLost");
      // the backend answers first, then stops: the callback may run just after the answer
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
      while (!leaseLost && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(leaseLost).isTrue();
    }
  }

  private volatile boolean leaseLost;
  private DeclaredEnvVars declared = DeclaredEnvVars.none();
  private boolean envApi = true;

  private void startServer() throws Exception {
    store = Store.open(DriverManager.getConnection(jdbcUrl()));
    InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
    server =
        BackendServer.start(
            any,
            any,
            "v-test",
            "test-instance",
            new BackendServer.Parts(
                KEYS, store, "https://site.example/", () -> leaseLost = true, declared, envApi));
  }

  private String jdbcUrl() {
    return "jdbc:sqlite:" + dir.resolve("db.sqlite3");
  }

  private HttpResponse<String> get(String path, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(api(path));
    if (key != null) {
      b.header("Authorization", "Convex " + key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> getSite(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.sitePort() + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String key, String json) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(api(path))
            .header("Authorization", "Convex " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private URI api(String path) {
    return URI.create("http://127.0.0.1:" + server.apiPort() + path);
  }
}
