package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One golden plan per risk rule, made as a pull request would (`plan AFTER --against BEFORE`, no
 * target): each folder under {@code src/test/resources/risk} holds the two specs and the plan in
 * text and JSON (and Markdown for the combined case). Besides the exact output, the JSON must grade
 * the change named here by the highest risk and list each consequence's risk, so a golden rewritten
 * by mistake cannot hide a dropped consequence. Run with {@code -Dplans.update=true} to rewrite the
 * goldens after an intended change, then review the diff.
 */
class RiskPlansTest {
  private static final Path DIR = Path.of("src", "test", "resources", "risk");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> rules() {
    return Stream.of(
        rule("image-upgrade", "container.backend", "irreversible", "irreversible", "restart"),
        rule("sqlite-to-postgres", "container.backend", "data-loss", "data-loss", "restart"),
        rule("postgres-to-sqlite", "container.backend", "data-loss", "data-loss", "restart"),
        rule("local-to-s3", "container.backend", "data-loss", "data-loss", "restart"),
        rule("s3-to-local", "container.backend", "data-loss", "data-loss", "restart"),
        rule(
            "instance-name", "container.backend", "data-loss", "data-loss", "data-loss", "restart"),
        rule("instance-secret", "container.backend", "irreversible", "irreversible", "restart"),
        rule("jwt-rotation", "env.JWT_PRIVATE_KEY", "downtime", "downtime"),
        rule("port-change", "container.backend", "downtime", "downtime", "restart"),
        rule("postgres-major", "container.postgres", "irreversible", "irreversible", "restart"),
        rule("proxy-name-change", "container.proxy", "downtime", "downtime", "restart"),
        rule(
            "image-upgrade-and-postgres",
            "container.backend",
            "irreversible",
            "irreversible",
            "data-loss",
            "restart"));
  }

  private static Arguments rule(String name, String address, String risk, String... each) {
    return Arguments.of(name, address, risk, List.of(each));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleHasAGoldenPlanListingEveryConsequence(
      String name, String address, String risk, List<String> each) throws IOException {
    Path folder = DIR.resolve(name);
    String after = folder.resolve("after.yaml").toString();
    String before = folder.resolve("before.yaml").toString();
    CliRunner.Result text = CliRunner.run("plan", after, "--against", before);
    CliRunner.Result json = CliRunner.run("plan", after, "--against", before, "--format", "json");
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(json.code()).as(json.err()).isZero();
    golden(folder.resolve("plan.txt"), text.out());
    golden(folder.resolve("plan.json"), json.out());
    if (Files.exists(folder.resolve("plan.md")) || name.contains("-and-")) {
      CliRunner.Result md =
          CliRunner.run("plan", after, "--against", before, "--format", "markdown");
      golden(folder.resolve("plan.md"), md.out());
    }

    JsonNode plan = JSON.readTree(json.out());
    assertThat(
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("..", "schemas", "plan-v1.schema.json")))
                .validate(plan))
        .isEmpty();
    JsonNode change = change(plan, address);
    assertThat(change.path("risk").asText()).isEqualTo(risk);
    List<String> risks = new ArrayList<>();
    change.path("consequences").forEach(c -> risks.add(c.path("risk").asText()));
    assertThat(risks).containsExactlyElementsOf(each);
    assertThat(plan.path("summary").path("highest_risk").asText()).isEqualTo(risk);
    for (JsonNode c : change.path("consequences")) {
      assertThat(text.out()).contains(c.path("what").asText());
      if (isDangerous(c.path("risk").asText())) {
        assertThat(banner(text.out())).contains(c.path("what").asText());
      }
    }
    for (String secret : CliRunner.ENV.values()) {
      assertThat(text.out() + json.out()).doesNotContain(secret);
    }
    assertThat(text.out() + json.out()).doesNotContain("aaaaaaaa").doesNotContain("test-key-");
  }

  private static boolean isDangerous(String risk) {
    return risk.equals("data-loss") || risk.equals("irreversible");
  }

  /** The banner: the lines before the plan's first line. */
  private static String banner(String text) {
    int end = text.indexOf("Plan for deployment");
    return end < 0 ? "" : text.substring(0, end);
  }

  private static JsonNode change(JsonNode plan, String address) {
    for (JsonNode c : plan.path("changes")) {
      if (c.path("address").asText().equals(address)) {
        return c;
      }
    }
    throw new AssertionError("no change of " + address + " in the plan");
  }

  private static void golden(Path path, String actual) throws IOException {
    if (Boolean.getBoolean("plans.update") || !Files.exists(path)) {
      Files.writeString(path, actual);
    }
    assertThat(actual).as("golden %s", path).isEqualTo(Files.readString(path));
  }
}
