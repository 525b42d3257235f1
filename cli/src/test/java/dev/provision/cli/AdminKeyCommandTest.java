package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.convex.AdminKeyCheck;
import dev.provision.convex.AdminKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminKeyCommandTest {
  static final String SECRET = "0123456789abcdef".repeat(4);
  static final String OTHER = "fedcba9876543210".repeat(4);
  static final String ZEROS = "0".repeat(64);

  /** The known answer of the Convex admin key format (secret of zeros, zero nonce, 1700000000). */
  static final String KNOWN =
      "convex-self-hosted|010000000000000000000000009f7b8a31b44722d7723a77"
          + "0b941399c1ef7680eded0c529c";

  @TempDir Path dir;

  private static AdminKeyCheck verify(String name, String secret, String key) {
    return AdminKeys.verify(name, HexFormat.of().parseHex(secret), key);
  }

  @Test
  void generatePrintsOnlyAKeyThatVerifies() {
    CliRun run =
        CliRun.of(
            "admin-key", "generate", "--instance-name", "my-app", "--instance-secret", SECRET);

    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).matches("my-app\\|01[0-9a-f]{72}\n");
    AdminKeyCheck check = verify("my-app", SECRET, run.out().strip());
    assertThat(check.outcome()).isEqualTo(AdminKeyCheck.Outcome.VALID);
    assertThat(check.payload().readOnly()).isFalse();
    assertThat(run.all()).doesNotContain(SECRET);
  }

  @Test
  void generateReadOnly() {
    CliRun run =
        CliRun.of(
            "admin-key",
            "generate",
            "--instance-name",
            "my-app",
            "--instance-secret",
            SECRET,
            "--read-only");

    assertThat(run.exit()).isZero();
    assertThat(verify("my-app", SECRET, run.out().strip()).payload().readOnly()).isTrue();
  }

  @Test
  void generateTakesTheSecretFromAFileOrTheEnvironment() throws Exception {
    Path file = dir.resolve("instance_secret");
    Files.writeString(file, SECRET + "\n");
    CliRun fromFile =
        CliRun.of(
            "admin-key",
            "generate",
            "--instance-name",
            "my-app",
            "--instance-secret-file",
            file.toString());
    CliRun fromEnv =
        CliRun.of(
            Map.of("CONVEX_INSTANCE_SECRET", SECRET),
            "admin-key",
            "generate",
            "--instance-name",
            "my-app");

    assertThat(verify("my-app", SECRET, fromFile.out().strip()).valid()).isTrue();
    assertThat(verify("my-app", SECRET, fromEnv.out().strip()).valid()).isTrue();
  }

  @Test
  void aBadSecretIsADiagnosticThatNeverEchoesIt() {
    String bad = SECRET.substring(1);
    CliRun run =
        CliRun.of("admin-key", "generate", "--instance-name", "my-app", "--instance-secret", bad);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith(
            "error: the Convex instance secret is not 64 hex digits\n"
                + "  at: --instance-secret\n"
                + "  expected: exactly 64 characters 0-9 a-f (32 bytes)\n"
                + "  found: 63 characters\n");
    assertThat(run.all()).doesNotContain(bad);
  }

  @Test
  void aBadNameIsADiagnosticWithASuggestion() {
    CliRun run =
        CliRun.of(
            "admin-key", "generate", "--instance-name", "My_App", "--instance-secret", SECRET);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains(
            "error: not a valid Convex instance name",
            "at: --instance-name",
            "did you mean 'my-app'?");
    assertThat(run.all()).doesNotContain(SECRET);
  }

  @Test
  void noSecretSaysWhereToPutIt() {
    CliRun run = CliRun.of("admin-key", "generate", "--instance-name", "my-app");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("no instance secret given", "--instance-secret-file", "CONVEX_INSTANCE_SECRET");
  }

  @Test
  void theHelpWarnsAboutShellHistory() {
    CliRun run = CliRun.of("admin-key", "generate", "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out().replaceAll("\\s+", " ")).contains("lands in shell history");
  }

  @Test
  void verifyReportsAValidKey() {
    CliRun run =
        CliRun.of(
            "admin-key",
            "verify",
            "--instance-name",
            "convex-self-hosted",
            "--instance-secret",
            ZEROS,
            KNOWN);

    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(
            "valid: a backend named convex-self-hosted with this secret accepts the key\n"
                + "  format:    v1\n"
                + "  issued at: 2023-11-14T22:13:20Z\n"
                + "  principal: member 0\n"
                + "  access:    read-write\n");
  }

  @Test
  void verifyTakesTheKeyFromTheEnvironment() {
    CliRun run =
        CliRun.of(
            Map.of("CONVEX_SELF_HOSTED_ADMIN_KEY", KNOWN, "CONVEX_INSTANCE_SECRET", ZEROS),
            "admin-key",
            "verify",
            "--instance-name",
            "convex-self-hosted");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("valid:");
  }

  @Test
  void verifyWarnsAboutALegacyKey() {
    byte[] plaintext = HexFormat.of().parseHex("1080e2cfaa061800");
    String legacy = LegacyKeys.key("convex-self-hosted", new byte[32], plaintext);
    CliRun run =
        CliRun.of(
            "admin-key",
            "verify",
            "--instance-name",
            "convex-self-hosted",
            "--instance-secret",
            ZEROS,
            legacy);

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("  format:    legacy\n", "  issued at: 2023-11-14T22:13:20Z\n");
    assertThat(run.err())
        .startsWith(
            "warning: legacy format, still accepted by current backends;"
                + " issue a new one\n  hint: replace it with a format-1 key");
  }

  @Test
  void verifyMissingPrefix() {
    CliRun run = verifyZeros(KNOWN.substring(KNOWN.indexOf('|') + 1));

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "error: the admin key has no '<instance name>|' prefix\n"
                + "  hint: write it as 'convex-self-hosted|<hex>': the backend compares the name before '|'"
                + " with its own\n");
  }

  @Test
  void verifyOtherInstanceNamesIt() {
    CliRun run = verifyZeros(KNOWN.replace("convex-self-hosted|", "billing|"));

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("error: the admin key is for instance 'billing', not 'convex-self-hosted'\n");
  }

  @Test
  void verifyOtherSecretNamesTheUsualCause() {
    CliRun run =
        CliRun.of(
            "admin-key",
            "verify",
            "--instance-name",
            "convex-self-hosted",
            "--instance-secret",
            OTHER,
            KNOWN);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "different INSTANCE_SECRET", "the usual cause of BadAdminKey", "hint: issue a new key");
    assertThat(run.all()).doesNotContain(OTHER);
  }

  @Test
  void verifyBadHex() {
    CliRun run = verifyZeros("convex-self-hosted|01zz");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .startsWith(
            "error: the part after '|' is not hexadecimal (first bad"
                + " character at position 3)\n");
  }

  @Test
  void verifyWrongLength() {
    CliRun run = verifyZeros(KNOWN.substring(0, KNOWN.length() - 1));

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("error: the key has 73 hex digits after '|', which no admin key" + " has");
  }

  @Test
  void verifyUnknownVersion() {
    CliRun run = verifyZeros(KNOWN.replace("|01", "|02"));

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("error: the key has format version 2; backends issue version 1\n");
  }

  private static CliRun verifyZeros(String key) {
    CliRun run =
        CliRun.of(
            "admin-key",
            "verify",
            "--instance-name",
            "convex-self-hosted",
            "--instance-secret",
            ZEROS,
            key);
    assertThat(run.all()).doesNotContain(ZEROS);
    return run;
  }
}
