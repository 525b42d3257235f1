package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code plan --out} and {@code apply PLANFILE} without a target: a plan made for review is refused
 * by apply with a clear message, and a plan file never holds a secret nor an unkeyed hash of one.
 */
class SavedPlanCommandTest {
  private static final Path SPECS = Path.of("..", "specs");

  @Test
  void aPlanAgainstEmptyIsForReviewOnly(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("plan.json");
    String spec = SPECS.resolve("quickstart.yaml").toString();
    CliRunner.Result made =
        CliRunner.run("plan", spec, "--against", "empty", "--out", file.toString());
    assertThat(made.code()).as(made.err()).isZero();
    assertThat(Files.readString(file)).startsWith("{\n  \"format_version\": \"2.1\",");

    CliRunner.Result applied = CliRunner.run("apply", file.toString(), "--yes");
    assertThat(applied.code()).isEqualTo(1);
    assertThat(applied.err())
        .contains("was made against empty for review; it cannot be applied")
        .contains("provision plan SPEC --out FILE")
        .doesNotContain("Exception");
  }

  @Test
  void theSpecIsNamedRelativeToThePlanFile(@TempDir Path dir) throws IOException {
    Path spec = dir.resolve("specs").resolve("app.yaml");
    Files.createDirectories(spec.getParent());
    Files.writeString(spec, "version: 1\ndeployment: app\n");
    Path file = dir.resolve("plans").resolve("plan.json");
    Files.createDirectories(file.getParent());
    CliRunner.Result made =
        CliRunner.run(
            "plan",
            spec.toString(),
            "--against",
            "empty",
            "--set",
            "backend.knobs.rustLog=debug",
            "--out",
            file.toString());
    assertThat(made.code()).as(made.err()).isZero();
    String json = Files.readString(file);
    assertThat(json)
        .contains("\"spec\": \"../specs/app.yaml\"")
        .contains("\"backend.knobs.rustLog=debug\"")
        .contains("\"target\": null");
    assertThat(CliRunner.run("show", file.toString()).out()).isEqualTo(made.out());
  }

  @Test
  void aSpecIsStillASpec(@TempDir Path dir) throws IOException {
    Path spec = dir.resolve("app.yaml");
    Files.writeString(spec, "version: 1\ndeployment: app\n");
    assertThat(SavedPlanApply.isPlanFile(spec)).isFalse();
    Path json = dir.resolve("plan.json");
    Files.writeString(json, "  \n{\n  \"format_version\": \"2.0\"}");
    assertThat(SavedPlanApply.isPlanFile(json)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"auth-github.yaml", "postgres-external.yaml", "postgres-managed.yaml"})
  void aPlanFileHoldsNoSecretNorAnUnkeyedHashOfOne(String example, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("plan.json");
    CliRunner.Result made =
        CliRunner.run(
            "plan",
            SPECS.resolve(example).toString(),
            "--against",
            "empty",
            "--out",
            file.toString());
    assertThat(made.code()).as(made.err()).isZero();
    String json = Files.readString(file);
    for (String secret : CliRunner.ENV.values()) {
      assertThat(json).doesNotContain(secret).doesNotContain(sha256(secret));
    }
  }

  @Test
  void aSecretInPlainTextInASetIsNotSaved(@TempDir Path dir) {
    Path file = dir.resolve("plan.json");
    String spec = SPECS.resolve("postgres-external.yaml").toString();
    CliRunner.Result made =
        CliRunner.run(
            "plan",
            spec,
            "--against",
            "empty",
            "--set",
            "database.postgres.external.password=hunter2-plain",
            "--out",
            file.toString());
    assertThat(made.code()).isEqualTo(1);
    assertThat(made.err())
        .contains("--set database.postgres.external.password gives a secret in plain text");
    assertThat(made.out() + made.err()).doesNotContain("hunter2-plain");
    assertThat(file).doesNotExist();
    CliRunner.Result referenced =
        CliRunner.run(
            "plan",
            spec,
            "--against",
            "empty",
            "--set",
            "database.postgres.external.password=${env:PGPASSWORD}",
            "--out",
            file.toString());
    assertThat(referenced.code()).as(referenced.err()).isZero();
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
