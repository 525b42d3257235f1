package dev.provision.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.provision.plan.Change;
import dev.provision.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlanJsonViewTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path SCHEMA = Path.of("..", "schemas", "plan-v1.schema.json");
  private static final Map<String, Supplier<Plan>> PLANS =
      Map.of(
          "empty", PlanFixtures::empty,
          "create", PlanFixtures::createEverything,
          "mixed", PlanFixtures::mixed,
          "dangerous", PlanFixtures::dangerous,
          "huge", PlanFixtures::huge,
          "recovering", PlanFixtures::recovering);

  @ParameterizedTest
  @ValueSource(strings = {"empty", "create", "mixed", "dangerous", "huge", "recovering"})
  void matchesGolden(String name) {
    Goldens.check(name + ".json", PlanJsonView.render(PLANS.get(name).get()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty", "create", "mixed", "dangerous", "huge", "recovering"})
  void goldenIsValidAgainstTheSchema(String name) throws IOException {
    JsonNode plan = MAPPER.readTree(Goldens.read(name + ".json"));
    assertThat(schema().validate(plan)).isEmpty();
  }

  @Test
  void theSchemaRefusesAValueOnASensitiveAttribute() throws IOException {
    String leaked =
        Goldens.read("mixed.json")
            .replaceFirst(
                "\"before\": null,\n( *)\"after\": null,\n( *)\"sensitive\": true",
                "\"before\": \"leaked\",\n$1\"after\": null,\n$2\"sensitive\": true");
    Set<ValidationMessage> errors = schema().validate(MAPPER.readTree(leaked));
    assertThat(errors).isNotEmpty();
  }

  @Test
  void theSchemaRefusesAnUnknownKeyAndAMissingOne() throws IOException {
    String extra = Goldens.read("empty.json").replace("\"drift\": [],", "\"drift\": [], \"x\": 1,");
    assertThat(schema().validate(MAPPER.readTree(extra))).isNotEmpty();
    String missing = Goldens.read("empty.json").replace("\"warnings\": []", "\"w\": []");
    assertThat(schema().validate(MAPPER.readTree(missing))).isNotEmpty();
  }

  @Test
  void theOrderOfThePlanDoesNotChangeTheOutput() {
    Plan plan = PlanFixtures.mixed();
    List<Change> reversed = new ArrayList<>(plan.changes());
    Collections.reverse(reversed);
    Plan shuffled =
        new Plan(
            plan.formatVersion(),
            plan.deployment(),
            plan.spec(),
            plan.against(),
            reversed,
            plan.drift(),
            plan.warnings());
    assertThat(PlanJsonView.render(shuffled)).isEqualTo(PlanJsonView.render(plan));
    assertThat(PlanTextView.render(shuffled, false)).isEqualTo(PlanTextView.render(plan, false));
  }

  @Test
  void outputEndsWithOneNewlineAndHasNoCarriageReturns() {
    String json = PlanJsonView.render(PlanFixtures.mixed());
    assertThat(json).endsWith("}\n").doesNotContain("\r");
  }

  private static JsonSchema schema() throws IOException {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(MAPPER.readTree(Files.readString(SCHEMA)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty", "create", "mixed", "dangerous", "huge", "recovering"})
  void writeReadWriteIsIdentical(String name) {
    String first = PlanJsonView.render(PLANS.get(name).get());
    Plan read = PlanJsonReader.read(first, name + ".json");
    assertThat(PlanJsonView.render(read)).isEqualTo(first);
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty", "create", "mixed", "dangerous"})
  void aReadPlanRendersLikeTheOriginalInTheOtherViews(String name) {
    Plan original = PLANS.get(name).get();
    Plan read = PlanJsonReader.read(PlanJsonView.render(original), name + ".json");
    assertThat(PlanTextView.render(read, false)).isEqualTo(PlanTextView.render(original, false));
    assertThat(PlanMarkdownView.render(read)).isEqualTo(PlanMarkdownView.render(original));
  }
}
