package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.engine.FunctionsStatus;
import dev.provision.functions.FunctionsState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** status's functions lines: the deployed facts, and a note when node or npx is missing here. */
class FunctionsStatusLineTest {
  private static final String HASH = "a".repeat(64);

  private static String status(List<String> missing) {
    StringWriter out = new StringWriter();
    FunctionsOutput.status(
        new PrintWriter(out, true),
        new FunctionsStatus(
            HASH,
            Optional.of(
                new FunctionsState(HASH, Optional.of(Instant.parse("2026-11-29T11:00:00Z")))),
            OptionalInt.of(3),
            Optional.empty(),
            missing));
    return out.toString();
  }

  @Test
  void withoutNodeStatusShowsTheDeployedFactsAndSaysWhatIsMissing() {
    assertThat(status(List.of("node", "npm", "npx")))
        .isEqualTo(
            "Functions: aaaaaaaaaaaa pushed 2026-11-29T11:00:00Z, 3 modules, matches the app\n"
                + "  node, npm, npx are not found on PATH: plan, apply and deploy-functions need"
                + " Node.js 20 or later to push the functions\n");
  }

  @Test
  void withNodeThereIsNoNote() {
    assertThat(status(List.of()))
        .isEqualTo(
            "Functions: aaaaaaaaaaaa pushed 2026-11-29T11:00:00Z, 3 modules, matches the app\n");
  }
}
