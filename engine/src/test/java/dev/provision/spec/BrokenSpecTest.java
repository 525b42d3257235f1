package dev.provision.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One folder per broken spec under {@code src/test/resources/spec/broken}: {@code spec.yaml} (plus
 * any files it refers to), optional {@code sets.txt} (one {@code --set} per line) and {@code
 * expected.txt}, the exact rendered diagnostics with the folder prefix removed. Run with {@code
 * -Dspec.regenerate=true} to rewrite the expected files after a deliberate change.
 */
class BrokenSpecTest {
  private static final Path ROOT = Path.of("src/test/resources/spec/broken");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactDiagnostics(String name) throws IOException {
    Path dir = ROOT.resolve(name);
    Path sets = dir.resolve("sets.txt");
    List<String> setList =
        Files.exists(sets) ? Files.readAllLines(sets, StandardCharsets.UTF_8) : List.of();
    String rendered = Fixtures.render(dir.resolve("spec.yaml"), setList).replace(dir + "/", "");
    Path expected = dir.resolve("expected.txt");
    if (Boolean.getBoolean("spec.regenerate")) {
      Files.writeString(expected, rendered + "\n", StandardCharsets.UTF_8);
    }
    assertThat(rendered).isNotBlank();
    assertThat(rendered + "\n").isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    for (String secret : Fixtures.ENV.values()) {
      assertThat(rendered).doesNotContain(secret);
    }
  }
}
