package dev.provision.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits that would need large fixture files: size, alias bombs, merge keys. */
class InputLimitsTest {

  @Test
  void refusesAFileOverOneMebibyte(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("big.yaml");
    Files.writeString(file, "version: 1\n# " + "x".repeat(1024 * 1024) + "\n");
    assertThatThrownBy(() -> Fixtures.reader().read(file, List.of()))
        .isInstanceOfSatisfying(
            ProvisionException.class,
            e ->
                assertThat(e.diagnostics().stream().map(Diagnostic::render).toList())
                    .containsExactly(
                        "error: spec file `"
                            + file
                            + "` is too large\n"
                            + "  expected: at most 1 MiB (1048576 bytes)\n  found: more than 1048576 bytes"));
  }

  @Test
  void refusesBillionLaughs(@TempDir Path dir) throws IOException {
    StringBuilder text = new StringBuilder("version: 1\ndeployment: lol\nl0: &l0 [lol, lol]\n");
    for (int i = 1; i < 30; i++) {
      text.append("l")
          .append(i)
          .append(": &l")
          .append(i)
          .append(" [*l")
          .append(i - 1)
          .append(", *l")
          .append(i - 1)
          .append("]\n");
    }
    Path file = dir.resolve("lol.yaml");
    Files.writeString(file, text);
    assertThatThrownBy(() -> Fixtures.reader().read(file, List.of()))
        .isInstanceOfSatisfying(
            ProvisionException.class,
            e ->
                assertThat(e.diagnostics())
                    .singleElement()
                    .extracting(Diagnostic::message)
                    .asString()
                    .contains("more than 20 aliases"));
  }

  @Test
  void appliesMergeKeysWithExplicitKeysWinning(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("merge.yaml");
    String text =
        "version: 1\ndeployment: app\nbackend:\n  image: ghcr.io/get-convex/convex-backend:"
            + "0123456789abcdef0123456789abcdef01234567\n  ports:\n    <<: {api: 4000, site: 4001}\n"
            + "    site: 5001\n";
    Files.writeString(file, text);
    var spec = Fixtures.reader().read(file, List.of()).spec();
    assertThat(spec.backend().apiPort()).isEqualTo(4000);
    assertThat(spec.backend().sitePort()).isEqualTo(5001);
  }

  @Test
  void fileReferencesLoseOneTrailingNewline(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("flag.txt"), "on\n\n");
    Path file = dir.resolve("spec.yaml");
    Files.writeString(
        file, "version: 1\ndeployment: app\nenv:\n  FLAG: ${file:flag.txt}\n  RAW: a$${b}\n");
    var spec = Fixtures.reader().read(file, List.of()).spec();
    assertThat(spec.env().get("FLAG").text()).isEqualTo("on\n");
    assertThat(spec.env().get("FLAG").sensitive()).isTrue();
    assertThat(spec.env().get("RAW").text()).isEqualTo("a${b}");
    assertThat(spec.env().get("RAW").sensitive()).isFalse();
  }
}
