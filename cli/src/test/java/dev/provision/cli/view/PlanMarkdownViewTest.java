package dev.provision.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.model.Address;
import dev.provision.model.Value;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Change;
import dev.provision.plan.Plan;
import dev.provision.plan.Risk;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanMarkdownViewTest {

  @Test
  void emptyPlan() {
    Goldens.check("empty.md", single(PlanFixtures.empty()));
  }

  @Test
  void createEverything() {
    Goldens.check("create.md", single(PlanFixtures.createEverything()));
  }

  @Test
  void updateReplaceDeleteSensitiveDriftAndWarning() {
    Goldens.check("mixed.md", single(PlanFixtures.mixed()));
  }

  @Test
  void anInterruptedApplyGetsAWarningBlock() {
    String markdown = single(PlanFixtures.recovering());
    Goldens.check("recovering.md", markdown);
    assertThat(markdown).contains("> [!WARNING]\n> **An apply was interrupted at");
  }

  @Test
  void dataLossAndIrreversibleGetACautionBanner() {
    String markdown = single(PlanFixtures.dangerous());
    Goldens.check("dangerous.md", markdown);
    assertThat(markdown).contains("> [!CAUTION]");
    assertThat(single(PlanFixtures.mixed())).doesNotContain("[!CAUTION]");
  }

  @Test
  void hugePlanSplitsIntoNumberedPartsAtChangeBoundaries() {
    List<String> parts = PlanMarkdownView.render(PlanFixtures.huge());
    assertThat(parts).hasSize(3);
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      Goldens.check("huge.part" + (i + 1) + ".md", part);
      assertThat(part.length()).isLessThanOrEqualTo(PlanMarkdownView.MAX_CHARS);
      assertThat(part).startsWith("## Plan for `convex-prod` (Part " + (i + 1) + " of 3)\n");
      assertThat(countOf(part, "<details>")).isEqualTo(countOf(part, "</details>"));
      assertThat(countOf(part, "<details>")).isEqualTo(countOf(part, "| `~` |"));
    }
    assertThat(parts.get(0)).contains("| update | 420 |");
    assertThat(parts.get(1)).doesNotContain("| Action | Count |");
    int details = parts.stream().mapToInt(p -> countOf(p, "<details>")).sum();
    assertThat(details).isEqualTo(420);
  }

  @Test
  void aPlanThatFitsIsOnePartWithoutANumber() {
    List<String> parts = PlanMarkdownView.render(PlanFixtures.mixed());
    assertThat(parts).hasSize(1);
    assertThat(parts.get(0)).doesNotContain("Part 1");
  }

  @Test
  void aSmallLimitStillKeepsEveryChangeWhole() {
    List<String> parts = PlanMarkdownView.render(PlanFixtures.mixed(), 1_500);
    assertThat(parts.size()).isGreaterThan(1);
    String joined = String.join("\n", parts);
    for (String address :
        List.of(
            "container.backend",
            "container.dashboard",
            "env.LEGACY_FLAG",
            "secret.postgres_password",
            "env.S3_SECRET_ACCESS_KEY")) {
      assertThat(countOf(joined, "<summary><code>" + address + "</code>")).isEqualTo(1);
    }
    assertThat(parts.get(parts.size() - 1)).contains("### Warnings");
  }

  @Test
  void aChangeTooLargeForOneCommentLosesOnlyItsDiff() {
    Plan base = PlanFixtures.mixed();
    List<Change> changes = new ArrayList<>(base.changes());
    changes.add(
        new Change(
            Address.parse("file.big"),
            Action.CREATE,
            List.of(new AttributeChange("content", null, Value.plain("x".repeat(70_000)))),
            "a large file",
            Risk.SAFE,
            List.of(),
            List.of()));
    Plan plan =
        new Plan(
            1, "convex-prod", "specs/prod.yaml", "empty", changes, base.drift(), base.warnings());
    List<String> parts = PlanMarkdownView.render(plan);
    assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(60_000));
    String joined = String.join("", parts);
    assertThat(joined)
        .contains("_The diff of 1 attributes is too long for a comment;")
        .contains("- env.RUST_LOG: \"info\"")
        .doesNotContain("xxxxxxxxxx");
  }

  @Test
  void aFirstChangeThatDoesNotFitNextToTheSummaryStartsTheSecondPart() {
    List<String> parts = PlanMarkdownView.render(PlanFixtures.mixed(), 700);
    assertThat(parts.get(0)).contains("**Highest risk:** downtime").doesNotContain("<details>");
    assertThat(parts.get(1)).contains("<summary><code>container.backend</code>");
  }

  private static String single(Plan plan) {
    List<String> parts = PlanMarkdownView.render(plan);
    assertThat(parts).hasSize(1);
    return parts.get(0);
  }

  private static int countOf(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      count++;
    }
    return count;
  }
}
