package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example in specs/ validates, has a golden plan against nothing (text and JSON, the JSON
 * valid against the plan schema), and plans as empty against itself. Run with {@code
 * -Dplans.update=true} to rewrite the goldens after an intended change, then review the diff.
 */
class ExamplePlansTest {
  private static final Path SPECS = Path.of("..", "specs");
  private static final Path GOLDEN = Path.of("src", "test", "resources", "plans");

  static Stream<String> examples() throws IOException {
    try (Stream<Path> files = Files.walk(SPECS)) {
      return files
          .filter(p -> p.toString().endsWith(".yaml"))
          .filter(p -> !p.getFileName().toString().equals("base.yaml"))
          .map(p -> SPECS.relativize(p).toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void validates(String example) {
    CliRunner.Result r = CliRunner.run("validate", SPECS.resolve(example).toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("error:");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void hasAGoldenPlanAgainstNothing(String example) throws IOException {
    String name = example.replace('/', '-').replace(".yaml", "");
    CliRunner.Result text =
        CliRunner.run("plan", SPECS.resolve(example).toString(), "--against", "empty");
    CliRunner.Result json =
        CliRunner.run(
            "plan", SPECS.resolve(example).toString(), "--against", "empty", "--format", "json");
    assertThat(text.code()).as(text.err()).isZero();
    golden(name + ".txt", text.out());
    golden(name + ".json", json.out());
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(Files.readString(Path.of("..", "schemas", "plan-v1.schema.json")));
    assertThat(schema.validate(new ObjectMapper().readTree(json.out()))).isEmpty();
    for (String secret : CliRunner.ENV.values()) {
      assertThat(text.out() + json.out() + text.err()).doesNotContain(secret);
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void plansAsEmptyAgainstItself(String example) {
    String spec = SPECS.resolve(example).toString();
    CliRunner.Result r = CliRunner.run("plan", spec, "--against", spec, "--detailed-exitcode");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("No changes.");
  }

  private static void golden(String file, String actual) throws IOException {
    Path path = GOLDEN.resolve(file);
    if (Boolean.getBoolean("plans.update") || !Files.exists(path)) {
      Files.writeString(path, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(path));
  }
}
