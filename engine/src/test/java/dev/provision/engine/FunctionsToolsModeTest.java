package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.FakeHostDriver;
import dev.provision.live.Interruptions;
import dev.provision.model.Functions;
import dev.provision.model.Spec;
import dev.provision.spec.SpecResult;
import dev.provision.testing.TestSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only plan and apply need {@code node} and {@code npx} for a spec with {@code functions:}; status
 * (and doctor, logs) open the same session without them and report what is missing.
 */
class FunctionsToolsModeTest {
  @TempDir Path app;

  private static final Map<String, String> NO_NODE = Map.of("PATH", "/nonexistent");

  private LiveSession open(Engine.Mode mode) throws Exception {
    Files.createDirectories(app.resolve("convex"));
    Files.writeString(app.resolve("convex/messages.ts"), "export const x = 1;\n");
    Files.writeString(app.resolve("package.json"), "{\"dependencies\":{\"convex\":\"1.48.0\"}}");
    Files.writeString(app.resolve("package-lock.json"), "{}");
    Spec q = TestSpecs.quickstart();
    Spec spec =
        new Spec(
            q.source(),
            q.deployment(),
            q.target(),
            q.backend(),
            q.dashboard(),
            q.database(),
            q.secrets(),
            q.auth(),
            q.env(),
            q.outputs(),
            q.sensitive(),
            q.proxy(),
            Optional.of(new Functions(app, Optional.empty(), null)));
    return LiveSession.open(
        new SpecResult(spec, List.of()),
        Path.of("app.yaml"),
        new FakeHostDriver(),
        mode,
        Optional.empty(),
        Interruptions.LockState.none(),
        NO_NODE);
  }

  @Test
  void planAndApplyRefuseWithoutNode() {
    for (Engine.Mode mode : List.of(Engine.Mode.PLAN, Engine.Mode.APPLY)) {
      assertThatThrownBy(() -> open(mode))
          .as(mode.toString())
          .isInstanceOf(ProvisionException.class)
          .hasMessageContaining("node, npm, npx are not found on PATH");
    }
  }

  @Test
  void statusOpensWithoutNodeAndStillPlansThePush() throws Exception {
    LiveSession status = open(Engine.Mode.STATUS);
    assertThat(FunctionsPlanning.pushes(status.plan())).isTrue();
  }
}
