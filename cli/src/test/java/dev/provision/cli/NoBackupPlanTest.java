package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan carries apply's backup decision: where the backup of a forward-only backend upgrade goes
 * (the step's undo restores it), or with {@code --no-backup} a banner in every view, kept by a
 * saved plan; a plan without such a step says nothing about backups.
 */
class NoBackupPlanTest {
  private static final Path DIR = Path.of("src/test/resources/risk/image-upgrade");
  private static final String AFTER = DIR.resolve("after.yaml").toString();
  private static final String BEFORE = DIR.resolve("before.yaml").toString();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void noBackupIsABannerInTextAndMarkdownAndTheStepHasNoUndo() {
    CliRunner.Result text = CliRunner.run("plan", AFTER, "--against", BEFORE, "--no-backup");
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out())
        .startsWith(
            "!! NO backup: --no-backup is set, so apply takes none before the steps below that a"
                + " backup would make undoable")
        .doesNotContain("Backup: before each step")
        .contains("does not undo it; back up first (npx convex export)")
        .contains(
            "2. replace-container container.backend — no undo: --no-backup: no backup is taken;"
                + " an image upgrade runs forward-only migrations");
    CliRunner.Result md =
        CliRunner.run("plan", AFTER, "--against", BEFORE, "--no-backup", "--format", "markdown");
    assertThat(md.out()).contains("> [!WARNING]\n> **NO backup: --no-backup is set");
  }

  @Test
  void jsonSaysSkippedAndASavedPlanKeepsIt(@TempDir Path tmp) throws Exception {
    CliRunner.Result json =
        CliRunner.run("plan", AFTER, "--against", BEFORE, "--no-backup", "--format", "json");
    JsonNode backup = JSON.readTree(json.out()).path("backup");
    assertThat(backup.path("skipped").asBoolean()).isTrue();
    assertThat(backup.path("dir").isNull()).isTrue();

    Path saved = tmp.resolve("plan.json");
    CliRunner.Result out =
        CliRunner.run("plan", AFTER, "--against", BEFORE, "--no-backup", "--out", saved.toString());
    assertThat(out.code()).as(out.err()).isZero();
    assertThat(JSON.readTree(Files.readString(saved)).path("backup").path("skipped").asBoolean())
        .isTrue();
    CliRunner.Result shown = CliRunner.run("show", saved.toString());
    assertThat(shown.code()).as(shown.err()).isZero();
    assertThat(shown.out()).contains("!! NO backup: --no-backup is set");
  }

  @Test
  void withABackupTheFolderIsInEveryView() throws Exception {
    CliRunner.Result json = CliRunner.run("plan", AFTER, "--against", BEFORE, "--format", "json");
    JsonNode backup = JSON.readTree(json.out()).path("backup");
    assertThat(backup.path("skipped").asBoolean()).isFalse();
    assertThat(backup.path("dir").asText()).isEqualTo(".provision/backups");
  }

  @Test
  void aPostgresMajorUpgradeAndAStorageSwitchAreGuardedAndKeepTheAdviceWithoutABackup() {
    for (String rule : java.util.List.of("postgres-major", "sqlite-to-postgres", "local-to-s3")) {
      Path dir = Path.of("src/test/resources/risk", rule);
      String after = dir.resolve("after.yaml").toString();
      String before = dir.resolve("before.yaml").toString();
      CliRunner.Result backed = CliRunner.run("plan", after, "--against", before);
      assertThat(backed.out())
          .as(rule)
          .contains("Backup: before each step whose undo restores it")
          .contains("into .provision/backups first")
          .contains("apply takes into .provision/backups")
          .doesNotContain("dump the database (pg_dump) and restore it into the new version");
      CliRunner.Result bare = CliRunner.run("plan", after, "--against", before, "--no-backup");
      assertThat(bare.out())
          .as(rule)
          .startsWith("!! NO backup: --no-backup is set")
          .doesNotContain("into .provision/backups")
          .contains("undo: stop the new container, then restore and start the previous one");
    }
  }

  @Test
  void aSwitchAwayFromPostgresTakesNoBackup() throws Exception {
    Path dir = Path.of("src/test/resources/risk/postgres-to-sqlite");
    CliRunner.Result json =
        CliRunner.run(
            "plan",
            dir.resolve("after.yaml").toString(),
            "--against",
            dir.resolve("before.yaml").toString(),
            "--format",
            "json");
    assertThat(JSON.readTree(json.out()).path("backup").isNull()).isTrue();
  }

  @Test
  void aPlanWithoutAGuardedStepHasNoBackup() throws Exception {
    Path dir = Path.of("src/test/resources/risk/port-change");
    CliRunner.Result json =
        CliRunner.run(
            "plan",
            dir.resolve("after.yaml").toString(),
            "--against",
            dir.resolve("before.yaml").toString(),
            "--no-backup",
            "--format",
            "json");
    assertThat(JSON.readTree(json.out()).path("backup").isNull()).isTrue();
  }
}
