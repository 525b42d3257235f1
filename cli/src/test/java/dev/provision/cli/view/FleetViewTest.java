package dev.provision.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The summary of a several-spec run, exactly, in text, Markdown and JSON. */
class FleetViewTest {
  private static final List<FleetView.Row> ROWS =
      List.of(
          new FleetView.Row(
              "specs/a.yaml",
              "app-a",
              "docker (local)",
              "changes",
              2,
              OptionalInt.of(3),
              Duration.ofMillis(1234),
              "{\"format\": 1}\n",
              ""),
          new FleetView.Row(
              "specs/bad.yaml",
              null,
              null,
              "failed",
              1,
              OptionalInt.empty(),
              Duration.ofMillis(40),
              "",
              "specs/bad.yaml:2:1: error: unknown field\n  hint: remove it\nsecond: error\n"),
          new FleetView.Row(
              "specs/c.yaml",
              "app-c",
              "ssh deploy@h:22",
              "skipped",
              0,
              OptionalInt.empty(),
              Duration.ZERO,
              "",
              ""));

  @Test
  void text() {
    assertThat(FleetView.summaryText(ROWS, 1))
        .isEqualTo(
            "Summary: 3 deployments: 1 changes, 1 failed, 1 skipped; exit code 1\n"
                + "  DEPLOYMENT      TARGET           RESULT   CHANGES  TIME\n"
                + "  app-a           docker (local)   changes  3        1.2s\n"
                + "  specs/bad.yaml  -                failed   -        0.0s\n"
                + "  app-c           ssh deploy@h:22  skipped  -        -\n");
    assertThat(FleetView.heading(ROWS.get(0))).isEqualTo("=== app-a (specs/a.yaml) ===");
    assertThat(FleetView.markdownHeading(ROWS.get(1)))
        .isEqualTo("## specs/bad.yaml (`specs/bad.yaml`)");
  }

  @Test
  void markdown() {
    assertThat(FleetView.summaryMarkdown(ROWS.subList(0, 1), 2))
        .isEqualTo(
            "## Summary\n\n1 deployment: 1 changes; exit code 2.\n\n"
                + "| Deployment | Target | Result | Changes | Time |\n|---|---|---|---|---|\n"
                + "| app-a | docker (local) | changes | 3 | 1.2s |\n");
  }

  @Test
  void jsonHoldsEachDeploymentsOwnDocumentAndItsErrors() {
    assertThat(FleetView.json("plan", ROWS.subList(0, 2), 1))
        .isEqualTo(
            "{\n"
                + "  \"format\": 1,\n"
                + "  \"command\": \"plan\",\n"
                + "  \"exitCode\": 1,\n"
                + "  \"deployments\": [\n"
                + "    {\n"
                + "      \"spec\": \"specs/a.yaml\",\n"
                + "      \"deployment\": \"app-a\",\n"
                + "      \"target\": \"docker (local)\",\n"
                + "      \"result\": \"changes\",\n"
                + "      \"exitCode\": 2,\n"
                + "      \"changes\": 3,\n"
                + "      \"seconds\": 1.234,\n"
                + "      \"output\": {\n"
                + "        \"format\": 1\n"
                + "      },\n"
                + "      \"errors\": []\n"
                + "    },\n"
                + "    {\n"
                + "      \"spec\": \"specs/bad.yaml\",\n"
                + "      \"deployment\": null,\n"
                + "      \"target\": null,\n"
                + "      \"result\": \"failed\",\n"
                + "      \"exitCode\": 1,\n"
                + "      \"changes\": null,\n"
                + "      \"seconds\": 0.04,\n"
                + "      \"output\": null,\n"
                + "      \"errors\": [\n"
                + "        \"specs/bad.yaml:2:1: error: unknown field\\n  hint: remove it\",\n"
                + "        \"second: error\"\n"
                + "      ]\n"
                + "    }\n"
                + "  ]\n"
                + "}\n");
  }
}
