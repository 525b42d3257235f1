package dev.provision.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The schemas, proven outside networknt: every example in {@code specs/} (against the schema its
 * first line names) and a few broken documents are validated with ajv (draft 2020-12, strict) by
 * {@code testing/schema-check/validate.mjs}, and so is every plan file the CLI's golden tests keep
 * (against the plan schemas). Needs node and {@code npm ci} in that folder (done by {@code
 * .ci/run}); skipped only when node is absent.
 */
class IndependentSchemaTest {
  private static final Path CHECK = Path.of("../testing/schema-check");
  private static final Path SCHEMAS = Path.of("../schemas");
  private static final String MAIN = "https://provision.dev/schemas/provision-v1.schema.json";
  private static final String OVERLAY =
      "https://provision.dev/schemas/provision-overlay-v1.schema.json";
  private static final String PLAN_V1 = "https://provision.dev/schemas/plan-v1.schema.json";
  private static final String PLAN_V2 = "https://provision.dev/schemas/plan-v2.schema.json";

  /** The plan files kept by the CLI's golden tests. */
  private static final Path PLAN_FILES = Path.of("../cli/src/test/resources");

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void examplesAreValidAndBrokenDocumentsAreNot() throws Exception {
    Assumptions.assumeTrue(
        nodeAvailable(), "node is not installed: the independent (ajv) schema check is skipped");
    assertThat(CHECK.resolve("node_modules/ajv"))
        .as("ajv is missing: run `npm ci` in testing/schema-check (as .ci/run does)")
        .exists();

    Map<String, ObjectNode> requests = new LinkedHashMap<>();
    Map<String, Boolean> expected = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(ExampleSpecsTest.SPECS)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        String first = Files.readAllLines(file).get(0);
        String schema = first.endsWith("provision-overlay-v1.schema.json") ? OVERLAY : MAIN;
        add(requests, expected, file.toString(), schema, yaml(file), true);
      }
    }
    String base = "{\"version\":1,\"deployment\":\"app\"";
    add(
        requests,
        expected,
        "bad deployment name",
        MAIN,
        json("{\"version\":1,\"deployment\":\"Bad_Name\"}"),
        false);
    add(
        requests,
        expected,
        "deployment by reference",
        MAIN,
        json("{\"version\":1,\"deployment\":\"${env:NAME}\"}"),
        true);
    add(requests, expected, "no deployment", MAIN, json("{\"version\":1}"), false);
    add(
        requests,
        expected,
        "built-in env name",
        MAIN,
        json(base + ",\"env\":{\"CONVEX_SITE_URL\":\"x\"}}"),
        false);
    add(requests, expected, "bad env name", MAIN, json(base + ",\"env\":{\"1BAD\":\"x\"}}"), false);
    add(requests, expected, "null in a spec", MAIN, json(base + ",\"env\":{\"A\":null}}"), false);
    add(
        requests,
        expected,
        "overlay removes keys",
        OVERLAY,
        json("{\"extends\":\"./base.yaml\",\"env\":{\"A\":null},\"dashboard\":null}"),
        true);
    add(
        requests,
        expected,
        "overlay unknown key",
        OVERLAY,
        json("{\"extends\":\"./base.yaml\",\"backend\":{\"port\":1}}"),
        false);
    add(
        requests,
        expected,
        "overlay bad name",
        OVERLAY,
        json("{\"extends\":\"./base.yaml\",\"deployment\":\"Bad_Name\"}"),
        false);

    Map<String, JsonNode> answers = validate(new ArrayList<>(requests.values()));
    for (Map.Entry<String, Boolean> e : expected.entrySet()) {
      JsonNode answer = answers.get(e.getKey());
      assertThat(answer).as(e.getKey()).isNotNull();
      assertThat(answer.path("valid").asBoolean())
          .as(e.getKey() + ": " + answer.path("errors"))
          .isEqualTo(e.getValue());
    }
  }

  /**
   * Every plan file the CLI's tests keep (stdout JSON of format 1.1, saved plans of format 2.1, and
   * the checked-in files of formats 1.0 and 2.0 that {@code show} still reads) is valid against its
   * schema, and each minor version is told apart: 1.1 needs each change's consequences, 2.1 writes
   * them as objects, 2.0 as strings.
   */
  @Test
  void planFilesAreValidAndEachMinorVersionIsToldApart() throws Exception {
    Assumptions.assumeTrue(
        nodeAvailable(), "node is not installed: the independent (ajv) schema check is skipped");
    Map<String, ObjectNode> requests = new LinkedHashMap<>();
    Map<String, Boolean> expected = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> all = Files.walk(PLAN_FILES)) {
      files = all.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(20);
    JsonNode v11 = null;
    JsonNode v21 = null;
    for (Path file : files) {
      JsonNode doc = JSON.readTree(file.toFile());
      String version = doc.path("format_version").asText();
      add(
          requests,
          expected,
          file.toString(),
          version.startsWith("2.") ? PLAN_V2 : PLAN_V1,
          doc,
          true);
      if (version.equals("1.1") && file.endsWith("dangerous.json")) {
        v11 = doc;
      }
      if (version.equals("2.1") && file.endsWith("saved.json")) {
        v21 = doc;
      }
    }
    assertThat(v11).isNotNull();
    assertThat(v21).isNotNull();
    ObjectNode noList = v11.deepCopy();
    noList.get("changes").forEach(c -> ((ObjectNode) c).remove("consequences"));
    add(requests, expected, "1.1 without consequences", PLAN_V1, noList, false);
    add(
        requests,
        expected,
        "1.0 without consequences",
        PLAN_V1,
        noList.deepCopy().put("format_version", "1.0"),
        true);
    ObjectNode riskless = v11.deepCopy();
    ((ObjectNode) riskless.at("/changes/0/consequences/0")).remove("risk");
    add(requests, expected, "1.1 consequence without risk", PLAN_V1, riskless, false);
    ObjectNode objectsIn20 = ((ObjectNode) v21.deepCopy()).put("format_version", "2.0");
    add(requests, expected, "2.0 with objects", PLAN_V2, objectsIn20, false);
    ObjectNode stringsIn21 = v21.deepCopy();
    stringsIn21.get("changes").forEach(c -> ((ObjectNode) c).putArray("consequences").add("text"));
    add(requests, expected, "2.1 with strings", PLAN_V2, stringsIn21, false);
    add(
        requests,
        expected,
        "2.0 with strings",
        PLAN_V2,
        stringsIn21.deepCopy().put("format_version", "2.0"),
        true);

    Map<String, JsonNode> answers = validate(new ArrayList<>(requests.values()));
    for (Map.Entry<String, Boolean> e : expected.entrySet()) {
      JsonNode answer = answers.get(e.getKey());
      assertThat(answer).as(e.getKey()).isNotNull();
      assertThat(answer.path("valid").asBoolean())
          .as(e.getKey() + ": " + answer.path("errors"))
          .isEqualTo(e.getValue());
    }
  }

  private static void add(
      Map<String, ObjectNode> requests,
      Map<String, Boolean> expected,
      String name,
      String schema,
      JsonNode doc,
      boolean valid) {
    ObjectNode request = JSON.createObjectNode();
    request.put("schema", schema);
    request.put("name", name);
    request.set("doc", doc);
    requests.put(name, request);
    expected.put(name, valid);
  }

  private static JsonNode yaml(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      Object loaded = new Yaml().load(in);
      return JSON.valueToTree(loaded);
    }
  }

  private static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }

  /** Runs validate.mjs once over all requests; the answers by name. */
  private static Map<String, JsonNode> validate(List<ObjectNode> requests) throws Exception {
    Process p =
        new ProcessBuilder(
                "node",
                "validate.mjs",
                SCHEMAS.resolve("provision-v1.schema.json").toAbsolutePath().toString(),
                SCHEMAS.resolve("provision-overlay-v1.schema.json").toAbsolutePath().toString(),
                SCHEMAS.resolve("plan-v1.schema.json").toAbsolutePath().toString(),
                SCHEMAS.resolve("plan-v2.schema.json").toAbsolutePath().toString())
            .directory(CHECK.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    StringBuilder input = new StringBuilder();
    for (ObjectNode r : requests) {
      input.append(JSON.writeValueAsString(r)).append('\n');
    }
    try (var out = p.getOutputStream()) {
      out.write(input.toString().getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("validate.mjs exit code").isZero();
    Map<String, JsonNode> answers = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      if (!line.isBlank()) {
        JsonNode answer = JSON.readTree(line);
        answers.put(answer.path("name").asText(), answer);
      }
    }
    return answers;
  }

  private static boolean nodeAvailable() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
