package dev.provision.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TEST STAND-IN: the backend's env var limits, checked as a pure function. */
class EnvVarRulesTest {
  @Test
  void acceptsNamesThatMatchTheBackendPattern() {
    for (String name :
        new String[] {"A", "_", "JWT_PRIVATE_KEY", "a1_b2", "__X9", "x".repeat(256)}) {
      assertThat(check(Map.of(), set(name, "v"))).as(name).isEmpty();
    }
  }

  @Test
  void refusesOtherNames() {
    for (String name : new String[] {"", "1ABC", "A-B", "A.B", "Ä"}) {
      assertThat(check(Map.of(), set(name, "v")))
          .as(name)
          .get()
          .extracting(ApiError::status, ApiError::code)
          .containsExactly(400, "InvalidEnvVarName");
    }
    assertThat(check(Map.of(), set("x".repeat(257), "v")))
        .get()
        .extracting(ApiError::code)
        .isEqualTo("EnvVarNameTooLong");
  }

  @Test
  void refusesTheBuiltInNamesEvenToDelete() {
    for (String name : new String[] {"CONVEX_CLOUD_URL", "CONVEX_SITE_URL"}) {
      assertThat(check(Map.of(), set(name, "https://x")))
          .get()
          .extracting(ApiError::status, ApiError::code)
          .containsExactly(400, "EnvVarNameForbidden");
      assertThat(check(Map.of(), List.of(new EnvVarChange(name, null)))).isPresent();
    }
    assertThat(check(Map.of(), set("CONVEX_URL", "x"))).isEmpty();
  }

  @Test
  void theAppsDeclarationsRefuseDeletesAndBadValues() {
    DeclaredEnvVars app =
        DeclaredEnvVars.fromEnv(
            Map.of("STANDIN_REQUIRED_ENV", " A, B ,", "STANDIN_ENV_PATTERN_N", "[0-9]+"));
    assertThat(app.required()).containsExactlyInAnyOrder("A", "B");
    assertThat(EnvVarRules.check(Map.of("A", "1"), List.of(new EnvVarChange("A", null)), app))
        .get()
        .extracting(ApiError::code)
        .isEqualTo("RequiredEnvironmentVariable");
    assertThat(EnvVarRules.check(Map.of(), set("A", "2"), app)).isEmpty();
    assertThat(EnvVarRules.check(Map.of(), set("N", "12"), app)).isEmpty();
    assertThat(EnvVarRules.check(Map.of(), set("N", "12a"), app))
        .get()
        .extracting(ApiError::code)
        .isEqualTo("InvalidEnvironmentVariable");
  }

  @Test
  void valuesUpTo8KibInUtf8Bytes() {
    assertThat(check(Map.of(), set("V", "x".repeat(8192)))).isEmpty();
    assertThat(check(Map.of(), set("V", "x".repeat(8193))))
        .get()
        .extracting(ApiError::code)
        .isEqualTo("EnvVarValueTooLarge");
    assertThat(check(Map.of(), set("V", "é".repeat(4097)))).isPresent();
  }

  @Test
  void atMost512VariablesCountingDeletes() {
    Map<String, String> current = new HashMap<>();
    for (int i = 0; i < 512; i++) {
      current.put("V" + i, "x");
    }
    assertThat(check(current, set("MORE", "x")))
        .get()
        .extracting(ApiError::code)
        .isEqualTo("TooManyEnvironmentVariables");
    List<EnvVarChange> swap = new ArrayList<>(set("MORE", "x"));
    swap.add(new EnvVarChange("V0", null));
    assertThat(check(current, swap)).isEmpty();
  }

  @Test
  void atMost512KibInTotal() {
    Map<String, String> current = new HashMap<>();
    for (int i = 0; i < 64; i++) {
      current.put("V" + i, "x".repeat(8190));
    }
    assertThat(check(current, set("LAST", "x".repeat(2000))))
        .get()
        .extracting(ApiError::code)
        .isEqualTo("EnvironmentVariablesTooLarge");
  }

  @Test
  void applySetsReplacesAndDeletesInOrder() {
    Map<String, String> after =
        EnvVarRules.apply(
            Map.of("KEEP", "1", "GONE", "2", "EDIT", "3"),
            List.of(
                new EnvVarChange("GONE", null),
                new EnvVarChange("EDIT", "4"),
                new EnvVarChange("NEW", "5"),
                new EnvVarChange("NEW", "6")));
    assertThat(after)
        .containsExactly(Map.entry("EDIT", "4"), Map.entry("KEEP", "1"), Map.entry("NEW", "6"));
  }

  @Test
  void changesNeverShowTheirValue() {
    assertThat(new EnvVarChange("TOKEN", "s3cret").toString())
        .isEqualTo("EnvVarChange[name=TOKEN, value=<redacted>]");
  }

  private static Optional<ApiError> check(Map<String, String> current, List<EnvVarChange> c) {
    return EnvVarRules.check(current, c);
  }

  private static List<EnvVarChange> set(String name, String value) {
    return List.of(new EnvVarChange(name, value));
  }
}
