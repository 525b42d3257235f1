package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's contract: exit codes, where output goes, saved plans, and no stack traces. */
class MainTest {
  private static final String QUICKSTART = Path.of("..", "specs", "quickstart.yaml").toString();

  @Test
  void versionAndHelp() {
    assertThat(CliRunner.run("--version").out()).startsWith("provision ");
    CliRunner.Result help = CliRunner.run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("validate", "plan", "show", "apply", "destroy", "status");
  }

  @Test
  void detailedExitCodeIsTwoWithChangesAndZeroWithout() {
    assertThat(
            CliRunner.run("plan", QUICKSTART, "--against", "empty", "--detailed-exitcode").code())
        .isEqualTo(2);
    assertThat(CliRunner.run("plan", QUICKSTART, "--against", "empty").code()).isZero();
    assertThat(
            CliRunner.run("plan", QUICKSTART, "--against", QUICKSTART, "--detailed-exitcode")
                .code())
        .isZero();
  }

  @Test
  void aSavedPlanShowsTheSameInEveryView(@TempDir Path dir) {
    Path file = dir.resolve("plan.json");
    CliRunner.Result made =
        CliRunner.run("plan", QUICKSTART, "--against", "empty", "--out", file.toString());
    assertThat(made.code()).isZero();
    assertThat(CliRunner.run("show", file.toString()).out()).isEqualTo(made.out());
    assertThat(CliRunner.run("show", file.toString(), "--format", "json").out())
        .isEqualTo(
            CliRunner.run("plan", QUICKSTART, "--against", "empty", "--format", "json").out());
    assertThat(CliRunner.run("show", file.toString(), "--format", "markdown").out()).contains("| ");
  }

  @Test
  void aSavedPlanWithAnInterruptedApplyShowsItInEveryView() throws IOException {
    Path views = Path.of("src", "test", "resources", "views");
    String file = views.resolve("recovering.json").toString();
    assertThat(CliRunner.run("show", file).out())
        .isEqualTo(userInfoMasked(Files.readString(views.resolve("recovering.txt"))));
    assertThat(CliRunner.run("show", file, "--format", "markdown").out())
        .startsWith(userInfoMasked(Files.readString(views.resolve("recovering.md"))));
    assertThat(CliRunner.run("show", file, "--format", "json").out())
        .isEqualTo(userInfoMasked(Files.readString(views.resolve("recovering.json"))));
  }

  /** The CLI masks every URL's user-info in what it prints, the target's SSH user included. */
  private static String userInfoMasked(String view) {
    return view.replace("ssh://deploy@", "ssh://(sensitive)@");
  }

  @Test
  void aSpecChangeAgainstAnOlderSpecShowsOneRestart(@TempDir Path dir) throws IOException {
    Path old = dir.resolve("old.yaml");
    Path now = dir.resolve("new.yaml");
    Files.writeString(old, "version: 1\ndeployment: app\n");
    Files.writeString(now, "version: 1\ndeployment: app\nbackend:\n  knobs:\n    rustLog: debug\n");
    CliRunner.Result r = CliRunner.run("plan", now.toString(), "--against", old.toString());
    assertThat(r.out())
        .contains(
            "-/+ container.backend (replace)",
            "~ env.RUST_LOG: \"info\" -> \"debug\"",
            "Plan: 0 to create, 0 to update, 1 to replace, 0 to delete. Highest risk: restart.");
  }

  @Test
  void badInputIsOneClearErrorWithExitOneAndNoStackTrace(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "version: 1\ndeployment: app\ndashbaord:\n  enabled: false\n");
    for (String command : new String[] {"validate", "plan", "apply", "destroy", "status"}) {
      CliRunner.Result r = CliRunner.run(command, bad.toString());
      assertThat(r.code()).as(command).isEqualTo(1);
      assertThat(r.err())
          .as(command)
          .contains(bad + ":3:1: error:")
          .contains("did you mean `dashboard`?")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void aMissingFileAndAnUnknownOptionAreErrors() {
    CliRunner.Result missing = CliRunner.run("validate", "no/such/spec.yaml");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("no/such/spec.yaml").doesNotContain("Exception");
    CliRunner.Result option = CliRunner.run("plan", QUICKSTART, "--no-such-option");
    assertThat(option.code()).isEqualTo(1);
    assertThat(option.err())
        .contains("--no-such-option")
        .contains("hint: see `provision plan --help`");
  }

  @Test
  void validateReportsEveryFileAndFailsIfAnyFails(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "version: 2\ndeployment: Bad_Name\n");
    CliRunner.Result r = CliRunner.run("validate", QUICKSTART, bad.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains(QUICKSTART + ": ok (deployment quickstart)");
    assertThat(r.err()).contains(bad + ":1:10: error:").contains(bad + ":2:13: error:");
  }
}
