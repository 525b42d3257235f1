package dev.provision.cli.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Value;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanJsonReaderTest {

  @Test
  void sensitiveValuesComeBackAsPlaceholders() {
    Plan plan = PlanJsonReader.read(Goldens.read("mixed.json"), "mixed.json");
    AttributeChange password =
        plan.changes().stream()
            .filter(c -> c.address().toString().equals("secret.postgres_password"))
            .findFirst()
            .orElseThrow()
            .attributes()
            .get(0);
    assertThat(password.before()).isEqualTo(Value.secret("(sensitive)"));
    assertThat(password.after()).isEqualTo(Value.secret("(sensitive)"));
    AttributeChange created =
        plan.changes().stream()
            .filter(c -> c.address().toString().equals("env.S3_SECRET_ACCESS_KEY"))
            .findFirst()
            .orElseThrow()
            .attributes()
            .get(0);
    assertThat(created.before()).isNull();
    assertThat(created.after().sensitive()).isTrue();
  }

  @Test
  void anInterruptedApplyRoundTrips() {
    Plan plan = PlanFixtures.recovering();
    Plan read = PlanJsonReader.read(PlanJsonView.render(plan), "recovering.json");
    assertThat(read.recovery()).isEqualTo(plan.recovery());
    assertThat(PlanTextView.render(read, false)).isEqualTo(PlanTextView.render(plan, false));
    assertThat(PlanMarkdownView.render(read)).isEqualTo(PlanMarkdownView.render(plan));
    assertThat(PlanJsonView.render(read)).isEqualTo(PlanJsonView.render(plan));
  }

  @Test
  void aPlanWithoutTheRecoveryKeyHasNone() {
    String old =
        Goldens.read("mixed.json")
            .replace(",\n  \"recovery\": null,\n  \"backup\": null\n}", "\n}");
    assertThat(old).doesNotContain("recovery").doesNotContain("backup");
    assertThat(PlanJsonReader.read(old, "old.json").recovery()).isEmpty();
    assertThat(PlanJsonReader.read(old, "old.json").backup()).isEmpty();
    assertThat(PlanJsonReader.read(Goldens.read("mixed.json"), "m.json").recovery()).isEmpty();
  }

  @Test
  void aBrokenRecoverySaysWhere() {
    String broken =
        Goldens.read("recovering.json")
            .replace("\"action\": \"finish\"", "\"action\": \"maybe\"")
            .replace(
                "\"interrupted_at\": \"2026-11-27T10:00:00Z\"", "\"interrupted_at\": \"soon\"");
    assertThatThrownBy(() -> PlanJsonReader.read(broken, "p.json"))
        .isInstanceOf(ProvisionException.class)
        .satisfies(
            e -> {
              List<String> paths =
                  ((ProvisionException) e).diagnostics().stream().map(Diagnostic::path).toList();
              assertThat(paths)
                  .containsExactlyInAnyOrder(
                      "recovery.actions[1].action", "recovery.interrupted_at");
            });
  }

  @Test
  void readsAFile() {
    Plan plan = PlanJsonReader.read(Goldens.DIR.resolve("dangerous.json"));
    assertThat(plan.changes()).hasSize(2);
    assertThat(plan.deployment()).isEqualTo("convex-prod");
  }

  @Test
  void aMissingFileSaysSo(@TempDir Path dir) {
    Path missing = dir.resolve("plan.json");
    assertThatThrownBy(() -> PlanJsonReader.read(missing))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("plan file `" + missing + "` does not exist");
  }

  @Test
  void textThatIsNotJsonPointsAtTheSpot() {
    assertThatThrownBy(
            () -> PlanJsonReader.read("{\n  \"format_version\": \"1.0\",\n  oops", "p.json"))
        .isInstanceOf(ProvisionException.class)
        .hasMessageStartingWith("p.json:3:")
        .hasMessageContaining("the plan file p.json is not JSON");
  }

  @Test
  void anotherMajorVersionIsRefused() {
    assertThatThrownBy(() -> PlanJsonReader.read("{\"format_version\": \"3.0\"}", "p.json"))
        .isInstanceOf(ProvisionException.class)
        .hasMessage(
            """
            error: the plan file p.json is not a valid plan
              at: format_version
              expected: 1.x or 2.x (this provision reads version 1 and 2 plans)
              found: "3.0"
              hint: write the plan file again with provision plan (JSON output) and do not edit \
            it by hand""");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String broken =
        Goldens.read("mixed.json")
            .replace("\"action\": \"replace\"", "\"action\": \"swap\"")
            .replace("\"risk\": \"restart\"", "\"risk\": 3")
            .replace("\"deployment\": \"convex-prod\",", "");
    List<Diagnostic> problems = catchProblems(broken);
    assertThat(problems)
        .extracting(Diagnostic::path)
        .containsExactly(
            "deployment",
            "changes[0].risk",
            "changes[0].consequences[0].risk",
            "changes[1].action",
            "changes[4].risk",
            "changes[4].consequences[0].risk");
    assertThat(problems.get(3).expected())
        .isEqualTo("one of create, update, replace, delete, adopt, no-op");
  }

  @Test
  void aSensitiveAttributeWithAValueIsRefusedWithoutEchoingIt() {
    String tampered =
        Goldens.read("mixed.json")
            .replaceFirst(
                "\"before\": null,\n( *)\"after\": null,\n( *)\"sensitive\": true",
                "\"before\": \"leaked-value\",\n$1\"after\": null,\n$2\"sensitive\": true");
    List<Diagnostic> problems = catchProblems(tampered);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).render()).doesNotContain("leaked-value");
  }

  @Test
  void anEmptyFileIsNotAPlan() {
    assertThatThrownBy(() -> PlanJsonReader.read("", "p.json"))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("found: an empty file");
  }

  @Test
  void trailingTextIsRefused() {
    assertThatThrownBy(() -> PlanJsonReader.read(Goldens.read("empty.json") + "{}", "p.json"))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("is not JSON");
  }

  @Test
  void anArrayIsNotAPlan() {
    assertThatThrownBy(() -> PlanJsonReader.read("[]", "p.json"))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("expected: a JSON object");
  }

  private static List<Diagnostic> catchProblems(String json) {
    try {
      PlanJsonReader.read(json, "p.json");
    } catch (ProvisionException e) {
      return e.diagnostics();
    }
    throw new AssertionError("the plan was accepted");
  }
}
