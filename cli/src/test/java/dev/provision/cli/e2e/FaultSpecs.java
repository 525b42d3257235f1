package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The specs and plan readers of {@link FaultInjectionIT}: a managed Postgres + Convex Auth (GitHub)
 * deployment with two env vars and an env file, in two versions that differ by a backend knob, an
 * env var's value, a new env var and (through the environment) the provider secret.
 */
final class FaultSpecs {
  /** One version of the spec. */
  record Version(String file, int retentionDelay, String featureFlag, boolean newVar) {}

  static final Version V1 = new Version("spec-v1.yaml", 172800, "on", false);
  static final Version V2 = new Version("spec-v2.yaml", 86400, "off", true);

  private FaultSpecs() {}

  static Path envFile(E2e e) {
    return e.dir.resolve(".env.local");
  }

  /** Writes {@code version} into the test's folder; E2e's --set overrides name, images, ports. */
  static Path write(E2e e, Version version) throws IOException {
    String text =
        String.join(
            "\n",
            "version: 1",
            "deployment: " + e.deployment,
            "backend:",
            "  knobs:",
            "    documentRetentionDelay: " + version.retentionDelay(),
            "dashboard:",
            "  enabled: false",
            "database:",
            "  postgres:",
            "    managed:",
            "      image: " + E2e.postgresImage(),
            "      user: convex",
            "      volume: " + e.deployment + "-pgdata",
            "auth:",
            "  siteUrl: http://localhost:5173",
            "  providers:",
            "    github:",
            "      clientId: Iv1.0123456789abcdef",
            "      clientSecret: ${env:AUTH_GITHUB_SECRET}",
            "env:",
            "  FEATURE_FLAG: \"" + version.featureFlag() + "\"",
            "  GREETING: hello",
            version.newVar() ? "  NEW_VAR: added" : "",
            "outputs:",
            "  envFile: " + envFile(e),
            "");
    Path file = e.dir.resolve(version.file());
    Files.writeString(file, text);
    return file;
  }

  /** The live plan of {@code spec} as JSON. */
  static JsonNode planJson(E2e e, Path spec) throws IOException {
    E2e.Run plan = e.run("plan", spec.toString(), "--format", "json");
    assertThat(plan.code()).as(plan.all()).isZero();
    return Live.json(plan.out());
  }

  /** Every step id of a JSON plan, in plan order. */
  static List<String> stepIds(JsonNode plan) {
    List<String> ids = new ArrayList<>();
    for (JsonNode change : plan.path("changes")) {
      for (JsonNode step : change.path("steps")) {
        ids.add(step.path("id").asText());
      }
    }
    return ids;
  }

  /** What a plan would do: its changes and its drift (not its file names or warnings). */
  static JsonNode changes(JsonNode plan) {
    ArrayNode both = JsonNodeFactory.instance.arrayNode();
    both.add(plan.path("changes"));
    both.add(plan.path("drift"));
    return both;
  }

  /** "address action" per change and drift, for a message. */
  static String summary(JsonNode plan) {
    List<String> parts = new ArrayList<>();
    for (JsonNode change : plan.path("changes")) {
      parts.add(change.path("address").asText() + " " + change.path("action").asText());
    }
    for (JsonNode drift : plan.path("drift")) {
      parts.add("drift " + drift.path("address").asText());
    }
    return parts.toString();
  }
}
