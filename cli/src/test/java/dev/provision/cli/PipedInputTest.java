package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply} given a pipe ({@code apply /dev/stdin}, a FIFO) as SPEC|PLANFILE says at once that
 * a plan or spec must be a regular file, with exit 1 and no stack trace: it neither consumes the
 * pipe nor waits for a writer. And a plan saved with {@code --out} is private (0600).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PipedInputTest {
  private static final String QUICKSTART = "../specs/quickstart.yaml";
  private static final String EXPECTED =
      "is not a regular file\n"
          + "  expected: a spec or a plan file (saved by `provision plan SPEC --out FILE`) as a"
          + " regular file\n"
          + "  found: a pipe (FIFO), device or socket\n"
          + "  hint: a plan or spec must be a regular file: save it first (`provision plan SPEC"
          + " --out plan.json`, or redirect the pipe to a file), then apply that file\n";

  @Test
  void applyOfAFifoIsRefusedAtOnceWithoutWaitingForAWriter(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("plan.json");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    CliRunner.Result r = CliRunner.run("apply", fifo.toString(), "--yes");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("error: `" + fifo + "` " + EXPECTED);
  }

  @Test
  void applyOfDevStdinAndOfADeviceIsRefused() {
    for (String device : new String[] {"/dev/stdin", "/dev/zero", "/dev/null"}) {
      if (Files.isRegularFile(Path.of(device))) {
        continue; // stdin redirected from a file here: nothing to prove for it
      }
      CliRunner.Result r = CliRunner.run("apply", device, "--yes");
      assertThat(r.code()).as(device).isEqualTo(1);
      assertThat(r.err()).as(device).isEqualTo("error: `" + device + "` " + EXPECTED);
    }
  }

  @Test
  void aSavedPlanIsCreatedPrivate(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("plan.json");
    CliRunner.Result made =
        CliRunner.run("plan", QUICKSTART, "--against", "empty", "--out", file.toString());
    assertThat(made.code()).as(made.err()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }
}
