package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.convex.AdminKeys;
import dev.provision.outputs.EnvFileContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** env-file and admin-key SPEC with the secret given by reference, so no target is opened. */
class EnvFileCommandTest {
  static final String SECRET = "0123456789abcdef".repeat(4);
  static final Map<String, String> ENV = Map.of("APP_SECRET", SECRET);

  @TempDir Path dir;

  private Path spec(String extra) throws Exception {
    Path spec = dir.resolve("app.yaml");
    Files.writeString(
        spec,
        "version: 1\n"
            + "deployment: pt-ccli-app\n"
            + "backend:\n"
            + "  image: provision-test/convex-backend:latest\n"
            + "secrets:\n"
            + "  instanceSecret: ${env:APP_SECRET}\n"
            + extra);
    return spec;
  }

  @Test
  void writesTheFileKeepsUserLinesAndRemovesConvexDeployment() throws Exception {
    Path spec = spec("outputs:\n  envFile: .env.local\n");
    Path file = dir.resolve(".env.local");
    Files.writeString(
        file,
        "# frontend\nVITE_CONVEX_URL=http://127.0.0.1:3210\nCONVEX_DEPLOYMENT=dev:old-cat-1\n");

    CliRun run = CliRun.of(ENV, "env-file", spec.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(
            "wrote "
                + file
                + " (mode 0600)\n"
                + "  CONVEX_SELF_HOSTED_URL=http://127.0.0.1:3210\n"
                + "  CONVEX_SELF_HOSTED_ADMIN_KEY: a new key from the spec's secrets.instanceSecret\n"
                + "  removed CONVEX_DEPLOYMENT (the Convex CLI refuses it next to CONVEX_SELF_HOSTED_URL)\n");
    String text = Files.readString(file);
    assertThat(text)
        .startsWith("# frontend\nVITE_CONVEX_URL=http://127.0.0.1:3210\n")
        .doesNotContain("CONVEX_DEPLOYMENT");
    Map<String, String> entries = EnvFileContent.parse(text).entries();
    assertThat(entries.get("CONVEX_SELF_HOSTED_URL")).isEqualTo("http://127.0.0.1:3210");
    String key = entries.get("CONVEX_SELF_HOSTED_ADMIN_KEY");
    assertThat(AdminKeys.verify("pt-ccli-app", HexFormat.of().parseHex(SECRET), key).valid())
        .isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(run.all()).doesNotContain(SECRET).doesNotContain(key);
  }

  @Test
  void outNamesTheFileWhenTheSpecHasNone() throws Exception {
    Path spec = spec("");
    Path file = dir.resolve("web").resolve(".env.local");

    CliRun run = CliRun.of(ENV, "env-file", spec.toString(), "--out", file.toString());

    assertThat(run.exit()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void noFileAnywhereIsAnError() throws Exception {
    CliRun run = CliRun.of(ENV, "env-file", spec("").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error: no env file to write", "hint: set outputs.envFile");
  }

  @Test
  void warnsAboutAUrlABrowserCannotUse() throws Exception {
    Path spec =
        spec("  file: secrets.json\noutputs:\n  envFile: .env.local\n").resolveSibling("app.yaml");
    Files.writeString(
        spec,
        Files.readString(spec)
            .replace(
                "backend:\n",
                "backend:\n  origins:\n    cloud: http://10.0.0.5:3210\n    site: http://10.0.0.5:3211\n"));

    CliRun run = CliRun.of(ENV, "env-file", spec.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.err()).startsWith("warning: http://10.0.0.5:3210 is plain http to 10.0.0.5:");
  }

  @Test
  void adminKeyForASpecPrintsOnlyTheKey() throws Exception {
    CliRun run = CliRun.of(ENV, "admin-key", spec("").toString(), "--read-only");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).matches("pt-ccli-app\\|01[0-9a-f]{76}\n");
    assertThat(run.err())
        .isEqualTo("note: issued from the spec's secrets.instanceSecret (read-only)\n");
    assertThat(
            AdminKeys.verify("pt-ccli-app", HexFormat.of().parseHex(SECRET), run.out().strip())
                .payload()
                .readOnly())
        .isTrue();
    assertThat(run.all()).doesNotContain(SECRET);
  }

  @Test
  void adminKeyWithoutSpecShowsUsage() {
    CliRun run = CliRun.of("admin-key");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("error: missing SPEC (or one of the commands generate, verify)\n")
        .contains("Usage: provision admin-key");
  }
}
