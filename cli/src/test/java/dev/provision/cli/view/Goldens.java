package dev.provision.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exact-output comparison with files under {@code src/test/resources/views}. Run the tests with
 * {@code -Dviews.update=true} to rewrite the files after an intended change, then review the diff.
 */
final class Goldens {
  static final Path DIR = Path.of("src", "test", "resources", "views");

  private Goldens() {}

  static void check(String name, String actual) {
    Path file = DIR.resolve(name);
    try {
      if (Boolean.getBoolean("views.update")) {
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(actual).as("golden %s", name).isEqualTo(read(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(String name) {
    try {
      return Files.readString(DIR.resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
