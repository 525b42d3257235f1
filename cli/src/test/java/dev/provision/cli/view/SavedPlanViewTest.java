package dev.provision.cli.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.provision.diag.ProvisionException;
import dev.provision.plan.SavedPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The saved plan file (format 2): exact output, schema, round trip, no secret; files of formats 1.0
 * and 2.0 (checked in under views/format-1.0 and format-2.0) still read and show as before.
 */
class SavedPlanViewTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void matchesGolden() {
    Goldens.check("saved.json", PlanJsonV2View.render(SavedPlanFixtures.mixed()));
  }

  @Test
  void isValidAgainstTheV2Schema() throws IOException {
    assertThat(schema("plan-v2.schema.json").validate(MAPPER.readTree(Goldens.read("saved.json"))))
        .isEmpty();
  }

  @Test
  void theV2SchemaRefusesASensitiveValueInATypedSide() throws IOException {
    String leaked =
        Goldens.read("saved.json")
            .replaceFirst(
                "\"value\": null,\n( *)\"sensitive\": true",
                "\"value\": \"leaked\",\n$1\"sensitive\": true");
    assertThat(leaked).isNotEqualTo(Goldens.read("saved.json"));
    assertThat(schema("plan-v2.schema.json").validate(MAPPER.readTree(leaked))).isNotEmpty();
  }

  @Test
  void roundTripsToTheSameViews() {
    SavedPlan saved = SavedPlanFixtures.mixed();
    String json = PlanJsonV2View.render(saved);
    SavedPlan read = SavedPlanReader.read(json, "saved.json");
    assertThat(PlanJsonV2View.render(read)).isEqualTo(json);
    assertThat(read.source()).isEqualTo(saved.source());
    assertThat(read.observed()).isEqualTo(saved.observed());
    assertThat(read.target()).isEqualTo(saved.target());
    assertThat(PlanTextView.render(read.plan(), false))
        .isEqualTo(PlanTextView.render(saved.plan(), false));
    assertThat(PlanMarkdownView.render(read.plan()))
        .isEqualTo(PlanMarkdownView.render(saved.plan()));
    assertThat(PlanJsonReader.read(json, "saved.json").changes())
        .hasSize(saved.plan().changes().size());
  }

  @Test
  void aFileWrittenBeforeDatabasesWereRecordedIsStillReadAndValid() throws IOException {
    String old = Goldens.read("saved.json").replaceFirst(",\n *\"databases\": \\{\n[^}]*\\}", "");
    assertThat(old).doesNotContain("\"databases\"");
    assertThat(schema("plan-v2.schema.json").validate(MAPPER.readTree(old))).isEmpty();
    SavedPlan read = SavedPlanReader.read(old, "old.json");
    assertThat(read.observed().databases()).isEmpty();
    assertThat(read.observed().secrets()).isEqualTo(SavedPlanFixtures.mixed().observed().secrets());
  }

  @Test
  void holdsNoSecretNorAnUnkeyedHashOfOne() throws Exception {
    String json = PlanJsonV2View.render(SavedPlanFixtures.mixed());
    for (String secret : PlanFixtures.SECRETS) {
      assertThat(json).doesNotContain(secret).doesNotContain(sha256(secret));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty", "create", "mixed", "dangerous", "huge", "recovering"})
  void readsFormatOneFilesAsBefore(String name) {
    SavedPlan read = SavedPlanReader.read(Goldens.read(name + ".json"), name + ".json");
    assertThat(read.applicable()).isFalse();
    assertThat(PlanTextView.render(read.plan(), false)).isEqualTo(Goldens.read(name + ".txt"));
    assertThat(PlanJsonView.render(read.plan())).isEqualTo(Goldens.read(name + ".json"));
  }

  /** Files written in format 1.0 (one consequence per change) show exactly as they did then. */
  @ParameterizedTest
  @ValueSource(strings = {"empty", "create", "mixed", "dangerous", "recovering"})
  void readsFormatOneZeroFilesAsBefore(String name) throws IOException {
    String old = Goldens.read("format-1.0/" + name + ".json");
    assertThat(old).contains("\"format_version\": \"1.0\"").doesNotContain("\"consequences\"");
    assertThat(schema("plan-v1.schema.json").validate(MAPPER.readTree(old))).isEmpty();
    SavedPlan read = SavedPlanReader.read(old, name + ".json");
    assertThat(read.applicable()).isFalse();
    assertThat(PlanTextView.render(read.plan(), false))
        .isEqualTo(Goldens.read("format-1.0/" + name + ".txt"));
  }

  /** A saved plan of format 2.0 (consequences as strings) still reads, shows and applies. */
  @Test
  void readsFormatTwoZeroFiles() throws IOException {
    String old = Goldens.read("format-2.0/saved.json");
    assertThat(old).contains("\"format_version\": \"2.0\"");
    assertThat(schema("plan-v2.schema.json").validate(MAPPER.readTree(old))).isEmpty();
    SavedPlan read = SavedPlanReader.read(old, "old.json");
    assertThat(read.applicable()).isTrue();
    assertThat(PlanTextView.render(read.plan(), false))
        .isEqualTo(PlanTextView.render(SavedPlanFixtures.mixed().plan(), false));
    // each 2.0 string comes back as one consequence with its change's risk: written again as 2.1
    assertThat(PlanJsonV2View.render(read)).isEqualTo(Goldens.read("saved.json"));
  }

  @Test
  void theSchemasTellTheMinorVersionsApart() throws IOException {
    String v11 = Goldens.read("dangerous.json");
    String as10 = v11.replace("\"format_version\": \"1.1\"", "\"format_version\": \"1.0\"");
    com.fasterxml.jackson.databind.JsonNode without = MAPPER.readTree(v11);
    without.get("changes").forEach(c -> ((ObjectNode) c).remove("consequences"));
    assertThat(schema("plan-v1.schema.json").validate(MAPPER.readTree(v11))).isEmpty();
    assertThat(schema("plan-v1.schema.json").validate(without)).isNotEmpty();
    assertThat(schema("plan-v1.schema.json").validate(MAPPER.readTree(as10))).isEmpty();
    String v21 = Goldens.read("saved.json");
    String stringsIn21 =
        Goldens.read("format-2.0/saved.json")
            .replace("\"format_version\": \"2.0\"", "\"format_version\": \"2.1\"");
    assertThat(schema("plan-v2.schema.json").validate(MAPPER.readTree(stringsIn21))).isNotEmpty();
    String objectsIn20 = v21.replace("\"format_version\": \"2.1\"", "\"format_version\": \"2.0\"");
    assertThat(schema("plan-v2.schema.json").validate(MAPPER.readTree(objectsIn20))).isNotEmpty();
  }

  @Test
  void aConsequenceRiskierThanItsChangeIsRefused() {
    String tampered =
        Goldens.read("saved.json")
            .replaceFirst(
                "\"risk\": \"restart\",\n( *)\"what\"", "\"risk\": \"irreversible\",\n$1\"what\"");
    assertThat(tampered).isNotEqualTo(Goldens.read("saved.json"));
    assertThatThrownBy(() -> SavedPlanReader.read(tampered, "tampered.json"))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("no higher than the change's risk");
  }

  @Test
  void anotherMajorVersionIsRefused() {
    String future = Goldens.read("saved.json").replace("\"2.1\"", "\"3.0\"");
    assertThatThrownBy(() -> SavedPlanReader.read(future, "future.json"))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("1.x or 2.x");
  }

  @Test
  void aByteOrderMarkIsIgnored() {
    String json = Goldens.read("saved.json");
    assertThat(SavedPlanReader.read("\uFEFF" + json, "bom.json").source())
        .isEqualTo(SavedPlanReader.read(json, "saved.json").source());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc/passwd", "specs/other.yaml", "specs/a\\u0000b.yaml"})
  void aSourceSpecOtherThanTheCheckedFileIsRefused(String spec) {
    String tampered =
        Goldens.read("saved.json")
            .replaceFirst("\"spec\": \"specs/app.yaml\"", "\"spec\": \"" + spec + "\"");
    assertThat(tampered).isNotEqualTo(Goldens.read("saved.json"));
    assertThatThrownBy(() -> SavedPlanReader.read(tampered, "tampered.json"))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("is not a valid plan");
  }

  @Test
  void anAbsoluteSourceFileIsRefused() {
    String tampered =
        Goldens.read("saved.json")
            .replace("\"path\": \"specs/base.yaml\"", "\"path\": \"/etc/hosts\"");
    assertThat(tampered).isNotEqualTo(Goldens.read("saved.json"));
    assertThatThrownBy(() -> SavedPlanReader.read(tampered, "tampered.json"))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("is not a valid plan");
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonSchema schema(String file) throws IOException {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(Files.readString(Path.of("..", "schemas", file)));
  }
}
