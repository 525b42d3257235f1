package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull-request job with no secrets: validate and plan against empty or an older spec succeed with
 * references unset, show where each value will come from, and never a value; {@code
 * --require-references} and live commands still refuse an unset reference.
 */
class OfflinePlanCommandTest {
  /** Set, so its value would show if anything leaked it. */
  private static final String SENTINEL = "sentinel-value-7f3a";

  private static final Map<String, String> ENV = Map.of("OPENAI_API_KEY", SENTINEL);

  @TempDir Path dir;

  private Path spec(String name, String envValue) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(
        file,
        "version: 1\n"
            + "deployment: pt-offline-app\n"
            + "backend:\n"
            + "  image: ghcr.io/get-convex/convex-backend:0123456789abcdef0123456789abcdef01234567\n"
            + "secrets:\n"
            + "  instanceSecret: ${env:CONVEX_INSTANCE_SECRET}\n"
            + "database:\n"
            + "  postgres:\n"
            + "    managed:\n"
            + "      password: ${env:PGPASSWORD}\n"
            + "env:\n"
            + "  OPENAI_API_KEY: ${env:OPENAI_API_KEY}\n"
            + "  WEBHOOK_TOKEN: "
            + envValue
            + "\n");
    return file;
  }

  @Test
  void planAgainstEmptyNeedsNoSecrets() throws Exception {
    Path file = spec("app.yaml", "${env:WEBHOOK_TOKEN}");

    CliRun run = CliRun.of(ENV, "plan", file.toString(), "--against", "empty");

    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .containsPattern("\\+ env\\.POSTGRES_PASSWORD: +\\(sensitive, from env PGPASSWORD\\)\n")
        .containsPattern(
            "\\+ env\\.INSTANCE_SECRET: +\\(sensitive, from env CONVEX_INSTANCE_SECRET\\)\n")
        .contains("+ value: (sensitive, from env WEBHOOK_TOKEN)")
        .doesNotContain(SENTINEL);
  }

  @Test
  void markdownAndJsonNameTheReferenceNeverTheValue() throws Exception {
    Path file = spec("app.yaml", "${env:WEBHOOK_TOKEN}");

    CliRun markdown =
        CliRun.of(ENV, "plan", file.toString(), "--against", "empty", "--format", "markdown");
    CliRun json = CliRun.of(ENV, "plan", file.toString(), "--against", "empty", "--format", "json");

    assertThat(markdown.exit()).isZero();
    assertThat(markdown.out())
        .contains("+ value: (sensitive, from env WEBHOOK_TOKEN)")
        .doesNotContain(SENTINEL);
    assertThat(json.exit()).isZero();
    assertThat(json.all()).doesNotContain(SENTINEL);
    JsonNode token = attribute(json.out(), "env.WEBHOOK_TOKEN", "value");
    assertThat(token.toString())
        .isEqualTo(
            "{\"path\":\"value\",\"action\":\"create\",\"before\":null,\"after\":null,"
                + "\"sensitive\":true,\"after_from\":[\"env WEBHOOK_TOKEN\"]}");
    assertThat(attribute(json.out(), "env.OPENAI_API_KEY", "value").has("after_from")).isFalse();
  }

  @Test
  void aSavedOfflinePlanShowsTheReferencesAgain() throws Exception {
    Path file = spec("app.yaml", "${env:WEBHOOK_TOKEN}");
    Path saved = dir.resolve("plan.json");

    CliRun plan =
        CliRun.of(ENV, "plan", file.toString(), "--against", "empty", "--out", saved.toString());
    CliRun show = CliRun.of(ENV, "show", saved.toString());

    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(Files.readString(saved))
        .containsPattern("\"after_from\"\\s*:\\s*\\[\\s*\"env WEBHOOK_TOKEN\"\\s*]")
        .doesNotContain(SENTINEL);
    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(show.out())
        .contains("+ value: (sensitive, from env WEBHOOK_TOKEN)")
        .doesNotContain(SENTINEL);
  }

  private static JsonNode attribute(String json, String address, String path) throws Exception {
    for (JsonNode change : new ObjectMapper().readTree(json).get("changes")) {
      if (change.get("address").asText().equals(address)) {
        for (JsonNode a : change.get("attributes")) {
          if (a.get("path").asText().equals(path)) {
            return a;
          }
        }
      }
    }
    throw new AssertionError("no " + address + " " + path + " in " + json);
  }

  @Test
  void againstAnOlderSpecAChangedReferenceIsChangedAndTheSameIsNot() throws Exception {
    Path old = spec("old.yaml", "${env:WEBHOOK_TOKEN}");
    Path same = spec("same.yaml", "${env:WEBHOOK_TOKEN}");
    Path other = spec("other.yaml", "${env:HOOK_TOKEN_V2}");

    CliRun unchanged = CliRun.of(ENV, "plan", same.toString(), "--against", old.toString());
    CliRun changed = CliRun.of(ENV, "plan", other.toString(), "--against", old.toString());

    assertThat(unchanged.exit()).isZero();
    assertThat(unchanged.out()).contains("No changes.");
    assertThat(changed.exit()).isZero();
    assertThat(changed.out())
        .contains(
            "~ value: (sensitive, from env WEBHOOK_TOKEN) -> (sensitive, from env HOOK_TOKEN_V2)")
        .doesNotContain(SENTINEL);
  }

  @Test
  void validateNeedsNoSecretsUnlessReferencesAreRequired() throws Exception {
    Path file = spec("app.yaml", "${env:WEBHOOK_TOKEN}");

    CliRun offline = CliRun.of(ENV, "validate", file.toString());
    CliRun required = CliRun.of(ENV, "validate", "--require-references", file.toString());

    assertThat(offline.exit()).isZero();
    assertThat(offline.out()).isEqualTo(file + ": ok (deployment pt-offline-app)\n");
    assertThat(required.exit()).isEqualTo(1);
    assertThat(required.err())
        .contains(
            "error: `${env:CONVEX_INSTANCE_SECRET}`: environment variable"
                + " `CONVEX_INSTANCE_SECRET` is not set")
        .contains("environment variable `PGPASSWORD` is not set")
        .contains("environment variable `WEBHOOK_TOKEN` is not set")
        .doesNotContain(SENTINEL);
  }

  @Test
  void requireReferencesAndLiveCommandsRefuseAnUnsetReference() throws Exception {
    Path file = spec("app.yaml", "${env:WEBHOOK_TOKEN}");

    CliRun required =
        CliRun.of(ENV, "plan", file.toString(), "--against", "empty", "--require-references");
    CliRun live = CliRun.of(ENV, "plan", file.toString());
    CliRun envFile = CliRun.of(ENV, "env-file", file.toString());
    CliRun adminKey = CliRun.of(ENV, "admin-key", file.toString());

    for (CliRun run : new CliRun[] {required, live, envFile, adminKey}) {
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err())
          .contains("environment variable `WEBHOOK_TOKEN` is not set")
          .doesNotContain(SENTINEL);
    }
  }

  @Test
  void aStructuralFieldNeedsItsValueOffline() throws Exception {
    Path file = dir.resolve("app.yaml");
    Files.writeString(
        file,
        "version: 1\n"
            + "deployment: pt-offline-app\n"
            + "backend:\n"
            + "  image: ${env:BACKEND_IMAGE}\n");

    CliRun run = CliRun.of(ENV, "plan", file.toString(), "--against", "empty");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("environment variable `BACKEND_IMAGE` is not set")
        .contains("`backend.image` is needed to plan even offline");
  }
}
