package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files a careless or hostile user hands the CLI: devices, FIFOs, huge, non-UTF-8 or tampered plan
 * files and absurd {@code --set} paths end in exit 1 with a clear message at once, never a stack
 * trace, a hang or an escape sequence reaching the terminal.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileFilesTest {
  private static final String QUICKSTART = "../specs/quickstart.yaml";

  @Test
  void devicesAndFifosAreRefusedAtOnce(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("plan.json");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    refused(CliRunner.run("show", "/dev/zero"), "plan file `/dev/zero` is not a regular file");
    refused(CliRunner.run("show", fifo.toString()), "is not a regular file");
    refused(CliRunner.run("validate", "/dev/zero"), "spec file `/dev/zero` is not a regular file");
    refused(CliRunner.run("validate", fifo.toString()), "is not a regular file");
  }

  @Test
  void aSparseThreeGigabytePlanIsRefusedWithoutReadingIt(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("plan.json");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(3L * 1024 * 1024 * 1024);
    }
    refused(CliRunner.run("show", big.toString()), "expected: at most 16 MiB (16777216 bytes)");
  }

  @Test
  void aPlanFileMustBeUtf8AndMayStartWithAByteOrderMark(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("plan.json");
    CliRunner.Result made =
        CliRunner.run("plan", QUICKSTART, "--against", "empty", "--out", file.toString());
    assertThat(made.code()).isZero();
    byte[] plan = Files.readAllBytes(file);
    Path bom = dir.resolve("bom.json");
    byte[] withBom = new byte[plan.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(plan, 0, withBom, 3, plan.length);
    Files.write(bom, withBom);
    assertThat(CliRunner.run("show", bom.toString()).out()).isEqualTo(made.out());
    Path latin1 = dir.resolve("latin1.json");
    Files.write(
        latin1,
        new String(plan, StandardCharsets.UTF_8)
            .replace("app", "\u00e9")
            .getBytes(StandardCharsets.ISO_8859_1));
    refused(CliRunner.run("show", latin1.toString()), "is not UTF-8 text");
  }

  @Test
  void aTamperedPlanCannotSendEscapesToTheTerminal(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("plan.json");
    assertThat(
            CliRunner.run("plan", QUICKSTART, "--against", "empty", "--out", file.toString())
                .code())
        .isZero();
    String json = Files.readString(file);
    String tampered =
        json.replace("container.backend", "container.backend\\u001b[2J\\u001b]0;pwned\\u0007")
            .replace("\"quickstart\"", "\"quick\\u001b[31mstart\\u2028\"");
    assertThat(tampered).isNotEqualTo(json);
    Files.writeString(file, tampered);
    for (String format : new String[] {"text", "markdown"}) {
      CliRunner.Result shown = CliRunner.run("show", file.toString(), "--format", format);
      assertThat(shown.code()).as(format + ": " + shown.err()).isZero();
      assertThat(shown.out()).doesNotContain("\u001b", "\u0007", "\u2028").contains("\\e[2J");
    }
  }

  @Test
  void aSetPathDeeperThanTheLimitIsRefusedWithoutOverflow(@TempDir Path dir) {
    String path = "a.".repeat(2999) + "a";
    CliRunner.Result r = CliRunner.run("validate", QUICKSTART, "--set", path + "=1");
    refused(r, "--set:1:65: error: --set path nests deeper than 32 levels");
  }

  private static void refused(CliRunner.Result r, String expected) {
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out() + r.err())
        .contains(expected)
        .doesNotContain("Exception", "\tat ", "OutOfMemory");
  }
}
