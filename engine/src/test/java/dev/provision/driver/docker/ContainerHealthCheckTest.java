package dev.provision.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provision.convex.BackendContainer;
import dev.provision.model.HealthCheck;
import dev.provision.postgres.PostgresImage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The health check the driver asks Docker for reads back from an inspect as the same {@link
 * HealthCheck}: what makes a new container's v3 config hash match what runs.
 */
class ContainerHealthCheckTest {
  private static JsonNode sent(HealthCheck h) {
    return new ObjectMapper().valueToTree(ContainerCreator.healthCheck(h));
  }

  @Test
  void theRequestIsDockersCmdFormWithNanoseconds() {
    JsonNode json = sent(PostgresImage.healthCheck("convex"));

    assertThat(json.path("Test").toString())
        .isEqualTo(
            "[\"CMD\",\"pg_isready\",\"--quiet\",\"--host=127.0.0.1\",\"--port=5432\","
                + "\"--username=convex\"]");
    assertThat(json.path("Interval").asLong()).isEqualTo(5_000_000_000L);
    assertThat(json.path("Timeout").asLong()).isEqualTo(5_000_000_000L);
    assertThat(json.path("StartPeriod").asLong()).isEqualTo(10_000_000_000L);
    assertThat(json.path("Retries").asInt()).isEqualTo(3);
  }

  @Test
  void whatIsSentReadsBackEqual() {
    for (HealthCheck h : List.of(BackendContainer.healthCheck(), PostgresImage.healthCheck("u"))) {
      assertThat(ContainerDecoder.healthCheck(sent(h))).isEqualTo(h);
    }
  }

  @Test
  void noneAbsentAndShellFormsAreReadAsTheyAre() throws Exception {
    ObjectMapper m = new ObjectMapper();
    assertThat(ContainerDecoder.healthCheck(m.readTree("{\"Test\": [\"NONE\"]}"))).isNull();
    assertThat(ContainerDecoder.healthCheck(m.missingNode())).isNull();
    HealthCheck shell =
        ContainerDecoder.healthCheck(
            m.readTree(
                "{\"Test\": [\"CMD-SHELL\", \"curl -f http://localhost:3210/version\"],"
                    + " \"Interval\": 5000000000}"));
    assertThat(shell)
        .isEqualTo(
            new HealthCheck(
                List.of("/bin/sh", "-c", "curl -f http://localhost:3210/version"),
                Duration.ofSeconds(5),
                Duration.ZERO,
                Duration.ZERO,
                1));
  }
}
