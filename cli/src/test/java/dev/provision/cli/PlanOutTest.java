package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan --out} never writes over a file the spec is read from or names: the spec itself, a
 * base file, the secrets file or the env file; nor does {@code env-file --out}. It exits 1 and
 * every file is left as it was.
 */
class PlanOutTest {
  private static final String BASE = "version: 1\ndeployment: app\n";

  private static CliRun plan(Path spec, Path out) {
    return CliRun.of("plan", spec.toString(), "--against", "empty", "--out", out.toString());
  }

  @Test
  void refusesTheSpecItself(@TempDir Path dir) throws IOException {
    Path spec = Files.writeString(dir.resolve("spec.yaml"), BASE);
    CliRun run = plan(spec, dir.resolve("sub/../spec.yaml"));
    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.err())
        .contains("error: `--out` would overwrite the spec file")
        .contains("hint: choose another file name for the plan; nothing was written")
        .doesNotContain("Exception");
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(spec)).isEqualTo(BASE);
  }

  @Test
  void refusesTheSpecThroughALink(@TempDir Path dir) throws IOException {
    Path spec = Files.writeString(dir.resolve("spec.yaml"), BASE);
    Path link = Files.createSymbolicLink(dir.resolve("plan.json"), spec);
    CliRun run = plan(spec, link);
    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.err()).contains("would overwrite the spec file");
    assertThat(Files.readString(spec)).isEqualTo(BASE);
  }

  @Test
  void refusesABaseFile(@TempDir Path dir) throws IOException {
    Path base = Files.writeString(dir.resolve("base.yaml"), BASE);
    Path spec = Files.writeString(dir.resolve("prod.yaml"), "extends: base.yaml\n");
    CliRun run = plan(spec, base);
    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.err()).contains("would overwrite the base file");
    assertThat(Files.readString(base)).isEqualTo(BASE);
  }

  @Test
  void refusesTheSecretsFileAndTheEnvFile(@TempDir Path dir) throws IOException {
    Path spec =
        Files.writeString(
            dir.resolve("spec.yaml"),
            BASE + "secrets:\n  file: keep/secrets.json\noutputs:\n  envFile: .env.local\n");
    Path secrets = dir.resolve("keep/secrets.json");
    Files.createDirectories(secrets.getParent());
    Files.writeString(secrets, "{}");
    CliRun first = plan(spec, secrets);
    assertThat(first.exit()).as(first.all()).isEqualTo(1);
    assertThat(first.err()).contains("would overwrite the secrets file");
    assertThat(Files.readString(secrets)).isEqualTo("{}");

    CliRun second = plan(spec, dir.resolve(".env.local"));
    assertThat(second.exit()).as(second.all()).isEqualTo(1);
    assertThat(second.err()).contains("would overwrite the env file (`outputs.envFile`)");
    assertThat(dir.resolve(".env.local")).doesNotExist();
  }

  @Test
  void refusesTheFrontendEnvFileForThePlanAndTheEnvFile(@TempDir Path dir) throws IOException {
    Path spec =
        Files.writeString(
            dir.resolve("spec.yaml"),
            BASE + "outputs:\n  frontendEnv:\n    path: .env\n    framework: vite\n");
    CliRun plan = plan(spec, dir.resolve(".env"));
    assertThat(plan.exit()).as(plan.all()).isEqualTo(1);
    assertThat(plan.err())
        .contains("would overwrite the frontend env file (`outputs.frontendEnv`)");
    CliRun env = CliRun.of("env-file", spec.toString(), "--out", dir.resolve(".env").toString());
    assertThat(env.exit()).as(env.all()).isEqualTo(1);
    assertThat(env.err()).contains("would overwrite the frontend env file (`outputs.frontendEnv`)");
    assertThat(dir.resolve(".env")).doesNotExist();
  }

  @Test
  void refusesTheSpecPlannedAgainst(@TempDir Path dir) throws IOException {
    Path old = Files.writeString(dir.resolve("old.yaml"), BASE);
    Path spec = Files.writeString(dir.resolve("new.yaml"), BASE + "env:\n  A: \"1\"\n");
    CliRun run =
        CliRun.of("plan", spec.toString(), "--against", old.toString(), "--out", old.toString());
    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.err()).contains("would overwrite the spec planned against (`--against`)");
    assertThat(Files.readString(old)).isEqualTo(BASE);
  }

  @Test
  void refusesAFileReadThroughAReference(@TempDir Path dir) throws IOException {
    Path token = Files.writeString(dir.resolve("token.txt"), "zzSENTINELzz");
    Path spec =
        Files.writeString(dir.resolve("spec.yaml"), BASE + "env:\n  A: \"${file:token.txt}\"\n");
    CliRun run = plan(spec, dir.resolve("./sub/../token.txt"));
    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.err()).contains("would overwrite a file the spec reads through `${file:}`");
    assertThat(run.all()).doesNotContain("zzSENTINELzz");
    assertThat(Files.readString(token)).isEqualTo("zzSENTINELzz");
  }

  @Test
  void secretsFileAndEnvFileMayNotNameAFileReadThroughAReference(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("token.txt"), "zzSENTINELzz");
    Path spec =
        Files.writeString(
            dir.resolve("spec.yaml"),
            BASE
                + "secrets:\n  file: ./sub/../token.txt\noutputs:\n  envFile: token.txt\n"
                + "env:\n  A: \"${file:token.txt}\"\n");
    CliRun run = CliRun.of("validate", spec.toString());
    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.err())
        .contains("spec.yaml:4:9: error: `secrets.file` names a file the spec reads through")
        .contains("spec.yaml:6:12: error: `outputs.envFile` names a file the spec reads through")
        .doesNotContain("zzSENTINELzz");
  }

  @Test
  void neverReplacesAPipeOrADeviceWithAFile(@TempDir Path dir) throws Exception {
    // as root, `--out /dev/null` once renamed the plan over the device itself
    Path spec = Files.writeString(dir.resolve("spec.yaml"), BASE);
    Path fifo = dir.resolve("pipe");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    Path link = Files.createSymbolicLink(dir.resolve("out.json"), fifo);
    for (Path out : new Path[] {fifo, link}) {
      CliRun run = plan(spec, out);
      assertThat(run.exit()).as(run.all()).isEqualTo(1);
      assertThat(run.err()).contains("is not a regular file").doesNotContain("Exception");
      assertThat(Files.isRegularFile(fifo)).isFalse();
      assertThat(Files.exists(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isTrue();
      assertThat(Files.isSymbolicLink(link)).isTrue();
    }
  }

  @Test
  void secretsFileAndEnvFileMustBeRegularFiles(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("folder"));
    Path spec =
        Files.writeString(
            dir.resolve("spec.yaml"),
            BASE + "secrets:\n  file: /dev/null\noutputs:\n  envFile: folder\n");
    CliRun run = CliRun.of("validate", spec.toString());
    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.err())
        .contains("spec.yaml:4:9: error: `secrets.file` names a device, a pipe or a folder")
        .contains("spec.yaml:6:12: error: `outputs.envFile` names a device, a pipe or a folder");
  }

  @Test
  void envFileOutRefusesTheSpecAndTheSecretsFile(@TempDir Path dir) throws IOException {
    Path spec = Files.writeString(dir.resolve("spec.yaml"), BASE);
    CliRun run = CliRun.of("env-file", spec.toString(), "--out", spec.toString());
    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.err())
        .contains("error: `--out` would overwrite the spec file")
        .contains("hint: choose another file name for the env file; nothing was written");
    assertThat(Files.readString(spec)).isEqualTo(BASE);

    Path secrets = dir.resolve(".provision/app.secrets.json");
    CliRun again = CliRun.of("env-file", spec.toString(), "--out", secrets.toString());
    assertThat(again.exit()).as(again.all()).isEqualTo(1);
    assertThat(again.err()).contains("would overwrite the secrets file");
    assertThat(secrets).doesNotExist();
  }

  @Test
  void writesAFileOfItsOwn(@TempDir Path dir) throws IOException {
    Path spec = Files.writeString(dir.resolve("spec.yaml"), BASE);
    CliRun run = plan(spec, dir.resolve("plan.json"));
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(dir.resolve("plan.json")).exists();
  }
}
