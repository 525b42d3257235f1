package dev.provision.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded fuzz of the spec reader: every example spec (overlays with their base) is mutated
 * thousands of times by whole nodes (lines deleted, duplicated, retyped, retagged), random bytes,
 * huge scalars, deep nesting and hostile {@code --set}s. Every input must end in a spec or a
 * ProvisionException (what the CLI turns into exit 0 or 1), never another exception or error, and
 * no output may hold a value planted behind a reference. The slowest input is reported, not
 * asserted. Always exactly {@link #ROUNDS} inputs from one seed: the same inputs on every machine,
 * however loaded (a time budget made the count, and so the test, depend on the machine's load).
 */
class SpecFuzzTest {
  private static final int ROUNDS = 1000;
  private static final String ENV_SENTINEL = "Zq9envSentinelValue";
  private static final String FILE_SENTINEL = "Zq9fileSentinelValue";

  private static final String[] VALUES = {
    "!!int x",
    "!!bool maybe",
    "!!null 5",
    "!secret s",
    "!!binary aGk=",
    "4000.0",
    "1e6",
    ".nan",
    "-.inf",
    "12345678901234567890",
    "0x7fffffffffffffffff",
    "~",
    "''",
    "[1, 2]",
    "{a: 1}",
    "*nowhere",
    "&a x",
    "yes",
    "\"\\e[2J\\u2028\"",
    "\"${env:FUZZ_SECRET}\"",
    "\"${file:sentinel.txt}\"",
    "\"x-${env:FUZZ_SECRET}-y\"",
    "\"${env:${env:FUZZ_SECRET}}\"",
    "\"${file:/dev/zero}\"",
    "\"https://u:${env:FUZZ_SECRET}@h.example\"",
    "65536",
    "-1",
    "0",
    "\"Bad_Name\"",
    "|\n  block",
    ">-\n  folded",
    "\"\"",
    "\"\\u0000\"",
    "%TAG",
    "<<: *a",
  };

  @Test
  void mutatedSpecsEndInASpecOrDiagnosticsAndNeverShowAPlantedValue(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("sentinel.txt"), FILE_SENTINEL + "\n");
    Map<String, String> env = new HashMap<>(Fixtures.ENV);
    env.put("FUZZ_SECRET", ENV_SENTINEL);
    SpecReader reader = new SpecReader(env);
    List<String> sources = new ArrayList<>();
    for (Path example : ExampleSpecsTest.examples().toList()) {
      sources.add(Files.readString(example));
    }
    Files.copy(ExampleSpecsTest.SPECS.resolve("overlays/base.yaml"), dir.resolve("base.yaml"));
    Random random = new Random(20261129);
    Path file = dir.resolve("spec.yaml");
    long start = System.nanoTime();
    long slowest = 0;
    int slowestRound = -1;
    int round = 0;
    int errors = 0;
    for (; round < ROUNDS; round++) {
      String text = mutate(sources.get(random.nextInt(sources.size())), random);
      List<String> sets = random.nextInt(4) == 0 ? List.of(set(random)) : List.of();
      Files.write(file, bytes(text, random));
      long t0 = System.nanoTime();
      List<Diagnostic> shown;
      try {
        shown = reader.read(file, sets).warnings();
      } catch (ProvisionException e) {
        shown = e.diagnostics();
        errors++;
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        throw new AssertionError(
            "round " + round + " escaped with " + e + " for sets " + sets + " and:\n" + text, e);
      }
      long took = System.nanoTime() - t0;
      if (took > slowest) {
        slowest = took;
        slowestRound = round;
      }
      for (Diagnostic d : shown) {
        String rendered = d.render();
        assertThat(rendered)
            .as("round %d, sets %s, input:%n%s", round, sets, text)
            .doesNotContain(ENV_SENTINEL, FILE_SENTINEL, "\u001b", "\u2028");
      }
    }
    System.out.printf(
        "SpecFuzzTest: %d inputs (%d refused) in %d ms; slowest %d ms (round %d)%n",
        round, errors, (System.nanoTime() - start) / 1_000_000, slowest / 1_000_000, slowestRound);
  }

  private static String mutate(String source, Random random) {
    List<String> lines = new ArrayList<>(List.of(source.split("\n", -1)));
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && !lines.isEmpty(); e++) {
      int at = random.nextInt(lines.size());
      String line = lines.get(at);
      int colon = line.indexOf(": ");
      switch (random.nextInt(9)) {
        case 0 -> lines.remove(at);
        case 1 -> lines.add(at, line);
        case 2 -> {
          if (colon > 0) {
            lines.set(at, line.substring(0, colon + 2) + VALUES[random.nextInt(VALUES.length)]);
          }
        }
        case 3 -> {
          if (colon > 0) {
            String tag =
                new String[] {"!!str ", "!!int ", "!!bool ", "!!map ", "!x "}[random.nextInt(5)];
            lines.set(at, line.substring(0, colon + 2) + tag + line.substring(colon + 2));
          }
        }
        case 4 -> {
          if (colon > 0) {
            lines.set(
                at,
                line.substring(0, colon + 2) + "\"" + "x".repeat(random.nextInt(300_000)) + "\"");
          }
        }
        case 5 -> lines.add(at, "k: " + "[".repeat(200) + "]".repeat(200));
        case 6 -> {
          StringBuilder deep = new StringBuilder();
          for (int d = 0; d < 60; d++) {
            deep.append("  ".repeat(d)).append("k").append(d).append(":\n");
          }
          lines.add(at, deep.toString());
        }
        case 7 ->
            lines.set(
                at,
                "extends: "
                    + new String[] {
                          "./base.yaml",
                          "/dev/zero",
                          "./spec.yaml",
                          "./sentinel.txt",
                          "${env:FUZZ_SECRET}"
                        }
                        [random.nextInt(5)]);
        default -> {
          StringBuilder b = new StringBuilder(line);
          b.insert(random.nextInt(b.length() + 1), (char) random.nextInt(0x3000));
          lines.set(at, b.toString());
        }
      }
    }
    return String.join("\n", lines);
  }

  /** Mostly the text as UTF-8; sometimes with raw bytes flipped in. */
  private static byte[] bytes(String text, Random random) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(10) == 0 && bytes.length > 0) {
      bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  private static String set(Random random) {
    String[] paths = {
      "deployment",
      "backend.ports.api",
      "env.X",
      "dashboard.enabled",
      "a.b.c",
      "a.".repeat(3000) + "z",
      "backend.image"
    };
    return paths[random.nextInt(paths.length)] + "=" + VALUES[random.nextInt(VALUES.length)];
  }
}
