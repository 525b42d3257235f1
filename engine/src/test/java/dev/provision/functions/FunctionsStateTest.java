package dev.provision.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunctionsStateTest {
  @Test
  void readsHashAndTimeFromTheDeploymentEnvVars() {
    assertThat(FunctionsState.from(Map.of())).isEmpty();
    FunctionsState s =
        FunctionsState.from(
                Map.of(
                    FunctionsState.HASH_VAR,
                    "0123456789abcdef",
                    FunctionsState.AT_VAR,
                    "2026-11-29T10:00:00Z"))
            .orElseThrow();
    assertThat(s.at()).contains(Instant.parse("2026-11-29T10:00:00Z"));
    assertThat(s.shortHash()).isEqualTo("0123456789ab");
    assertThat(FunctionsState.from(Map.of(FunctionsState.HASH_VAR, "ab", "X", "y")))
        .contains(new FunctionsState("ab", Optional.empty()));
  }
}
