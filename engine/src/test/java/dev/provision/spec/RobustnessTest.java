package dev.provision.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated copies of the examples (characters deleted, inserted, swapped, lines cut) must always end
 * in a spec or a ProvisionException: never another exception, never a secret in a message. The seed
 * is fixed so a failure is reproducible.
 */
class RobustnessTest {
  private static final String ALPHABET = " \n:-{}[]\"'#&*!|>,?%@`$\t0aZ.\\\u00e9";

  @Test
  void mutatedSpecsNeverEscapeAsOtherExceptions(@TempDir Path dir) throws IOException {
    List<String> sources = new ArrayList<>();
    for (Path example : ExampleSpecsTest.examples().toList()) {
      if (!example.toString().contains("overlays")) {
        sources.add(Files.readString(example));
      }
    }
    Random random = new Random(42);
    Path file = dir.resolve("spec.yaml");
    for (int round = 0; round < 500; round++) {
      StringBuilder text = new StringBuilder(sources.get(random.nextInt(sources.size())));
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits && text.length() > 1; e++) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.deleteCharAt(at);
          case 1 -> text.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
          default -> text.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
      try {
        Fixtures.reader().read(file, List.of());
      } catch (ProvisionException e) {
        for (Diagnostic d : e.diagnostics()) {
          for (String secret : Fixtures.ENV.values()) {
            assertThat(d.render()).doesNotContain(secret);
          }
        }
      } catch (RuntimeException e) {
        throw new AssertionError("round " + round + " escaped with " + e + " for:\n" + text, e);
      }
    }
  }
}
