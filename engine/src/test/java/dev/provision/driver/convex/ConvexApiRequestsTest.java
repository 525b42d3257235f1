package dev.provision.driver.convex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvexApiRequestsTest {
  @Test
  void readRequests() {
    assertThat(ConvexApiRequests.version())
        .isEqualTo(new ApiRequest("GET", "/version", null, false, List.of()));
    assertThat(ConvexApiRequests.instanceName().admin()).isFalse();
    assertThat(ConvexApiRequests.checkAdminKey().describe()).isEqualTo("GET /api/check_admin_key");
    assertThat(ConvexApiRequests.listEnvironmentVariables().admin()).isTrue();
  }

  @Test
  void updateBodyKeepsOrderAndMarksValuesForRedaction() {
    ApiRequest request =
        ConvexApiRequests.updateEnvironmentVariables(
            List.of(EnvChange.set("B", "quote\"d"), EnvChange.delete("A")));
    assertThat(request.body())
        .isEqualTo(
            "{\"changes\":[{\"name\":\"B\",\"value\":\"quote\\\"d\"},{\"name\":\"A\",\"value\":null}]}");
    assertThat(request.redact()).containsExactly("quote\"d");
    assertThat(request.toString()).isEqualTo("POST /api/v1/update_environment_variables");
  }

  @Test
  void everyRefusedVariableIsReported() {
    assertThatThrownBy(
            () ->
                ConvexApiRequests.updateEnvironmentVariables(
                    List.of(
                        EnvChange.set("has-dash", "x"),
                        EnvChange.set("OK", "y".repeat(8 * 1024 + 1)),
                        EnvChange.delete("A".repeat(257)))))
        .isInstanceOfSatisfying(
            ProvisionException.class, e -> assertThat(e.diagnostics()).hasSize(3))
        .hasMessageContaining("found: 'has-dash'")
        .hasMessageContaining("the value of OK is longer than Convex allows");
    assertThat(
            ConvexApiRequests.updateEnvironmentVariables(
                    List.of(EnvChange.set("_x9", "y".repeat(8 * 1024))))
                .body())
        .startsWith("{\"changes\":[{\"name\":\"_x9\"");
  }

  @Test
  void canonicalUrlBody() {
    assertThat(
            ConvexApiRequests.updateCanonicalUrl(
                    CanonicalUrlDestination.CONVEX_CLOUD, "https://api.example.com")
                .body())
        .isEqualTo("{\"requestDestination\":\"convexCloud\",\"url\":\"https://api.example.com\"}");
  }

  @Test
  void errorAnswersAreParsedAndRedacted() {
    assertThat(ApiErrors.parse("{\"code\":\"C\",\"message\":\"M\"}"))
        .isEqualTo(new ApiErrors.Answer("C", "M"));
    assertThat(ApiErrors.parse("Bad Gateway")).isEqualTo(new ApiErrors.Answer(null, "Bad Gateway"));
    assertThat(ApiErrors.parse("")).isEqualTo(new ApiErrors.Answer(null, null));
    assertThat(ApiErrors.redact("a secret-1 b", List.of("secret-1"))).isEqualTo("a (sensitive) b");
    ConvexApiException e = ApiErrors.of("http://h", ConvexApiRequests.version(), 404, "", null);
    assertThat(e.getMessage())
        .isEqualTo(
            "error: the Convex backend at http://h answered 404 to GET /version\n"
                + "  hint: this backend has no such endpoint: check the URL (the API port is 3210)"
                + " and that the backend version is recent enough");
    assertThat(ApiErrors.hintFor(403, null)).contains("read-only");
  }

  @Test
  void hintsForTheAppsDeclaredEnvVarsAndBuiltInNames() {
    assertThat(ApiErrors.hintFor(400, "InvalidEnvironmentVariable"))
        .isEqualTo(
            "the deployed app's validator refuses this value: fix the value in `env` to match"
                + " what the app declares, or deploy app code that accepts it");
    assertThat(ApiErrors.hintFor(400, "RequiredEnvironmentVariable"))
        .startsWith("the deployed app declares this env var as required");
    assertThat(ApiErrors.hintFor(400, "EnvVarNameForbidden"))
        .contains("backend.origins.cloud / backend.origins.site");
  }

  @Test
  void builtInNamesAreRefusedBeforeSending() {
    assertThatThrownBy(
            () ->
                ConvexApiRequests.updateEnvironmentVariables(
                    List.of(
                        EnvChange.set("CONVEX_SITE_URL", "https://x"),
                        EnvChange.delete("CONVEX_CLOUD_URL"),
                        EnvChange.set("convex_site_url", "ok"))))
        .isInstanceOf(dev.provision.diag.ProvisionException.class)
        .hasMessage(
            "error: Convex refuses to set the built-in env var CONVEX_SITE_URL\n"
                + "  at: env.CONVEX_SITE_URL\n"
                + "  hint: functions get it from the origin: set `backend.origins.site` instead\n"
                + "error: Convex refuses to set the built-in env var CONVEX_CLOUD_URL\n"
                + "  at: env.CONVEX_CLOUD_URL\n"
                + "  hint: functions get it from the origin: set `backend.origins.cloud` instead");
  }
}
