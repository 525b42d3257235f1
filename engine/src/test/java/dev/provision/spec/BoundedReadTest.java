package dev.provision.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Specs, base files and {@code ${file:}} targets are read only when they are regular files and
 * never beyond the 1 MiB limit: a FIFO, {@code /dev/zero} and a sparse 3 GB file are refused at
 * once with a clear error (no hang, no OutOfMemoryError).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class BoundedReadTest {
  private static final String HEAD =
      "version: 1\ndeployment: app\nbackend:\n  image: ghcr.io/get-convex/convex-backend:"
          + "0123456789abcdef0123456789abcdef01234567\n";

  @Test
  void aFifoAsSpecIsRefusedAtOnce(@TempDir Path dir) throws Exception {
    Path fifo = fifo(dir.resolve("spec.yaml"));
    assertThat(render(fifo))
        .isEqualTo(
            "error: spec file `"
                + fifo
                + "` is not a regular file\n"
                + "  expected: a regular file\n"
                + "  found: a device, pipe (FIFO) or socket\n"
                + "  hint: save the content to a file and give its path");
  }

  @Test
  void aFifoAsBaseFileIsRefusedAtTheExtendsLine(@TempDir Path dir) throws Exception {
    fifo(dir.resolve("base.yaml"));
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, "extends: ./base.yaml\n");
    assertThat(render(spec))
        .startsWith(spec + ":1:10: error: base file `" + dir.resolve("base.yaml") + "` is not a");
  }

  @Test
  void devZeroAsSpecBaseAndFileReference(@TempDir Path dir) throws IOException {
    assertThat(render(Path.of("/dev/zero")))
        .startsWith("error: spec file `/dev/zero` is not a regular file");
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, "extends: /dev/zero\n");
    assertThat(render(spec))
        .startsWith(spec + ":1:10: error: base file `/dev/zero` is not a regular file");
    Files.writeString(spec, HEAD + "env:\n  A: ${file:/dev/zero}\n");
    assertThat(render(spec))
        .isEqualTo(
            spec
                + ":6:6: error: `${file:/dev/zero}`: file `/dev/zero` is not a regular file\n"
                + "  at: env.A\n"
                + "  expected: a regular file\n"
                + "  hint: the path is relative to the file the reference is written in");
  }

  @Test
  void aSparseThreeGigabyteFileIsRefusedWithoutReadingIt(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("big.yaml");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(3L * 1024 * 1024 * 1024);
    }
    assertThat(render(big))
        .isEqualTo(
            "error: spec file `"
                + big
                + "` is too large\n"
                + "  expected: at most 1 MiB (1048576 bytes)\n"
                + "  found: more than 1048576 bytes");
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, HEAD + "env:\n  A: ${file:big.yaml}\n");
    assertThat(render(spec)).contains("`${file:big.yaml}`: file `" + big + "` is too large");
  }

  @Test
  void setValuesKeepHashAndFollowTheFileRules(@TempDir Path dir) throws IOException {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, HEAD);
    var result =
        Fixtures.reader()
            .read(spec, List.of("env.COLOR=#ff0000", "env.NOTE=a #b", "env.Q='x # y'"));
    assertThat(result.spec().env().get("COLOR").text()).isEqualTo("#ff0000");
    assertThat(result.spec().env().get("NOTE").text()).isEqualTo("a #b");
    assertThat(result.spec().env().get("Q").text()).isEqualTo("x # y");
  }

  private static Path fifo(Path path) throws Exception {
    Process process = new ProcessBuilder("mkfifo", path.toString()).start();
    assertThat(process.waitFor()).isZero();
    return path;
  }

  private static String render(Path file) {
    try {
      Fixtures.reader().read(file, List.of());
      return "";
    } catch (ProvisionException e) {
      return e.diagnostics().stream().map(Diagnostic::render).collect(Collectors.joining("\n"));
    }
  }
}
