package dev.provision.driver.convex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.convex.RecordingServer.Received;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpConvexAdminApiTest {
  private static final String KEY = "convex-self-hosted|01aabbccddeeff00112233445566778899";
  private static final String JSON = "application/json";
  private static final String CLIENT = "provision-0.1.0";

  private RecordingServer server;
  private HttpConvexAdminApi api;

  @BeforeEach
  void start() throws IOException {
    server = new RecordingServer();
    api = new HttpConvexAdminApi(server.uri(), KEY);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void versionAndInstanceNameAreUnauthenticated() {
    server.answer("/version", 200, "1.2.3\n").answer("/instance_name", 200, "convex-self-hosted");
    assertThat(api.version()).isEqualTo("1.2.3");
    assertThat(api.instanceName()).isEqualTo("convex-self-hosted");
    assertThat(server.received())
        .containsExactly(
            new Received("GET", "/version", null, JSON, CLIENT, ""),
            new Received("GET", "/instance_name", null, JSON, CLIENT, ""));
  }

  @Test
  void checkAdminKeyAccepted() {
    server.answer(
        "/api/check_admin_key", 200, "{\"success\":true,\"allowedOps\":[],\"isReadOnly\":false}");
    assertThat(api.checkAdminKey()).isEqualTo(new AdminKeyStatus.Accepted(false, List.of()));
    assertThat(server.received())
        .containsExactly(
            new Received("GET", "/api/check_admin_key", "Convex " + KEY, JSON, CLIENT, ""));
  }

  @Test
  void checkAdminKeyReadOnly() {
    server.answer("/api/check_admin_key", 200, "{\"success\":true,\"isReadOnly\":true}");
    AdminKeyStatus status = api.checkAdminKey();
    assertThat(status.accepted()).isTrue();
    assertThat(((AdminKeyStatus.Accepted) status).readOnly()).isTrue();
  }

  @Test
  void checkAdminKeyRejectedIsAResult() {
    server.answer(
        "/api/check_admin_key",
        401,
        "{\"code\":\"BadAdminKey\",\"message\":\"The provided admin key was invalid for this"
            + " instance\"}");
    AdminKeyStatus status = api.checkAdminKey();
    assertThat(status)
        .isEqualTo(
            new AdminKeyStatus.Rejected(
                401, "BadAdminKey", "The provided admin key was invalid for this instance"));
    assertThat(((AdminKeyStatus.Rejected) status).badAdminKey()).isTrue();
  }

  @Test
  void checkAdminKeyServerErrorThrows() {
    server.answer(
        "/api/check_admin_key", 500, "{\"code\":\"InternalServerError\",\"message\":\"x\"}");
    assertThatThrownBy(() -> api.checkAdminKey())
        .isInstanceOf(ConvexApiException.class)
        .hasMessage(
            "error: the Convex backend at "
                + server.uri()
                + " answered 500 InternalServerError to"
                + " GET /api/check_admin_key: x\n"
                + "  hint: the backend failed: read its logs (`docker logs` of the backend"
                + " container)");
  }

  @Test
  void listsEnvironmentVariablesSorted() {
    server.answer(
        "/api/v1/list_environment_variables",
        200,
        "{\"environmentVariables\":{\"ZED\":\"z\",\"ALPHA\":\"a b\"}}");
    assertThat(api.listEnvironmentVariables())
        .containsExactly(Map.entry("ALPHA", "a b"), Map.entry("ZED", "z"));
    assertThat(server.received().get(0).authorization()).isEqualTo("Convex " + KEY);
  }

  @Test
  void listRejectsAnAnswerThatIsNotTheApi() {
    server.answer("/api/v1/list_environment_variables", 200, "<html>dashboard</html>");
    assertThatThrownBy(() -> api.listEnvironmentVariables())
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("the answer is not JSON");
  }

  @Test
  void updatesEnvironmentVariablesWithTheExactBody() {
    server.answer("/api/v1/update_environment_variables", 200, "");
    api.updateEnvironmentVariables(List.of(EnvChange.set("N", "v"), EnvChange.delete("OLD")));
    assertThat(server.received())
        .containsExactly(
            new Received(
                "POST",
                "/api/v1/update_environment_variables",
                "Convex " + KEY,
                JSON,
                CLIENT,
                "{\"changes\":[{\"name\":\"N\",\"value\":\"v\"},{\"name\":\"OLD\",\"value\":null}]}"));
  }

  @Test
  void a404OnTheEnvVarApiSaysTheImageIsTooOld() {
    server.answer("/api/v1/list_environment_variables", 404, "Not Found");
    assertThatThrownBy(() -> api.listEnvironmentVariables())
        .isInstanceOfSatisfying(ConvexApiException.class, e -> assertThat(e.imageTooOld()).isTrue())
        .hasMessage(
            "error: this backend image is older than provision supports (env var API from"
                + " 2025-08-28): the backend at "
                + server.uri()
                + " answered 404 to GET /api/v1/list_environment_variables\n"
                + "  hint: upgrade it: set backend.image (and dashboard.image) to a"
                + " convex-backend release from 2025-08-28 or later, then `provision apply`");
    server.answer("/api/v1/update_environment_variables", 404, "");
    assertThatThrownBy(() -> api.updateEnvironmentVariables(List.of(EnvChange.set("N", "v"))))
        .isInstanceOfSatisfying(ConvexApiException.class, e -> assertThat(e.imageTooOld()).isTrue())
        .hasMessageStartingWith("error: this backend image is older than provision supports");
  }

  @Test
  void aDeclaredEnvVarRefusalGetsAHintAboutTheApp() {
    server.answer(
        "/api/v1/update_environment_variables",
        400,
        "{\"code\":\"RequiredEnvironmentVariable\",\"message\":\"FOO is required\"}");
    assertThatThrownBy(() -> api.updateEnvironmentVariables(List.of(EnvChange.delete("FOO"))))
        .isInstanceOfSatisfying(
            ConvexApiException.class, e -> assertThat(e.imageTooOld()).isFalse())
        .hasMessage(
            "error: the Convex backend at "
                + server.uri()
                + " answered 400 RequiredEnvironmentVariable to"
                + " POST /api/v1/update_environment_variables: FOO is required\n"
                + "  hint: the deployed app declares this env var as required: keep it in `env`,"
                + " or deploy app code that no longer requires it (`npx convex deploy`) before"
                + " removing it");
  }

  @Test
  void noChangesSendsNothing() {
    api.updateEnvironmentVariables(List.of());
    assertThat(server.received()).isEmpty();
  }

  @Test
  void invalidNamesAreRefusedBeforeSending() {
    assertThatThrownBy(
            () -> api.updateEnvironmentVariables(List.of(EnvChange.set("1BAD", "s3cr3t-value"))))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("Convex refuses this env var name")
        .message()
        .doesNotContain("s3cr3t-value");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void errorsNeverShowTheAdminKeyOrSentValues() {
    server.answer(
        "/api/v1/update_environment_variables",
        400,
        "{\"code\":\"InvalidEnvVar\",\"message\":\"bad value s3cr3t-value with key " + KEY + "\"}");
    assertThatThrownBy(
            () -> api.updateEnvironmentVariables(List.of(EnvChange.set("TOKEN", "s3cr3t-value"))))
        .isInstanceOfSatisfying(
            ConvexApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("InvalidEnvVar");
              assertThat(e.backendMessage())
                  .isEqualTo("bad value (sensitive) with key (sensitive)");
              assertThat(e.getMessage()).doesNotContain("s3cr3t-value").doesNotContain(KEY);
            });
  }

  @Test
  void badAdminKeyOnAnyCallCarriesTheCodeAndAHint() {
    server.answer(
        "/api/v1/list_environment_variables",
        401,
        "{\"code\":\"BadAdminKey\",\"message\":\"The provided admin key was invalid for this"
            + " instance\"}");
    assertThatThrownBy(() -> api.listEnvironmentVariables())
        .isInstanceOfSatisfying(
            ConvexApiException.class, e -> assertThat(e.code()).isEqualTo("BadAdminKey"))
        .hasMessageContaining("answered 401 BadAdminKey to GET /api/v1/list_environment_variables")
        .hasMessageContaining(
            "hint: the admin key was not made from this backend's INSTANCE_SECRET");
  }

  @Test
  void updatesTheCanonicalUrl() {
    server.answer("/api/v1/update_canonical_url", 200, "");
    api.updateCanonicalUrl(CanonicalUrlDestination.CONVEX_SITE, "https://site.example.com");
    assertThat(server.received().get(0))
        .isEqualTo(
            new Received(
                "POST",
                "/api/v1/update_canonical_url",
                "Convex " + KEY,
                JSON,
                CLIENT,
                "{\"requestDestination\":\"convexSite\",\"url\":\"https://site.example.com\"}"));
  }

  @Test
  void keepsAPathPrefixAndIgnoresATrailingSlash() {
    HttpConvexAdminApi prefixed =
        new HttpConvexAdminApi(URI.create(server.uri() + "/convex/"), KEY);
    server.answer("/convex/version", 200, "9");
    assertThat(prefixed.version()).isEqualTo("9");
    assertThat(server.received().get(0).path()).isEqualTo("/convex/version");
  }

  @Test
  void unreachableBackend() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    HttpConvexAdminApi closed = new HttpConvexAdminApi(URI.create("http://127.0.0.1:" + port), KEY);
    assertThatThrownBy(closed::version)
        .isInstanceOf(ProvisionException.class)
        .hasMessageStartingWith(
            "error: could not reach the Convex backend at http://127.0.0.1:"
                + port
                + " for GET /version");
  }

  @Test
  void slowBackendTimesOut() {
    server.answerSlowly("/version", 3_000);
    HttpConvexAdminApi impatient =
        new HttpConvexAdminApi(server.uri(), KEY, Duration.ofSeconds(1), Duration.ofMillis(200));
    assertThatThrownBy(impatient::version)
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("did not answer GET /version within 200 ms");
  }

  @Test
  void adminCallsNeedAKey() {
    HttpConvexAdminApi anonymous = new HttpConvexAdminApi(server.uri(), null);
    assertThatThrownBy(anonymous::checkAdminKey)
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("GET /api/check_admin_key needs an admin key");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void toStringHidesTheKey() {
    assertThat(api.toString()).isEqualTo("HttpConvexAdminApi[" + server.uri() + "]");
    assertThat(EnvChange.set("TOKEN", "s3cr3t").toString()).isEqualTo("set TOKEN=(value hidden)");
  }
}
