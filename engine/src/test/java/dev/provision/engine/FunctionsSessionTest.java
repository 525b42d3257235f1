package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.FakeHostDriver;
import dev.provision.live.Interruptions;
import dev.provision.model.Functions;
import dev.provision.model.Sensitive;
import dev.provision.model.Spec;
import dev.provision.model.Value;
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
 * Sessions of a spec with {@code functions:}: only plan and apply need {@code node} and {@code npx}
 * (status, doctor and logs open the same session without them and report what is missing), and the
 * push masks every sensitive text of the deployment, not only the admin key.
 */
class FunctionsSessionTest {
  @TempDir Path app;

  private static final Map<String, String> NO_NODE = Map.of("PATH", "/nonexistent");

  private LiveSession open(Engine.Mode mode) throws Exception {
    return open(TestSpecs.quickstart(), mode, NO_NODE);
  }

  private LiveSession open(Spec q, Engine.Mode mode, Map<String, String> environment)
      throws Exception {
    Files.createDirectories(app.resolve("convex"));
    Files.writeString(app.resolve("convex/messages.ts"), "export const x = 1;\n");
    Files.writeString(app.resolve("package.json"), "{\"dependencies\":{\"convex\":\"1.48.0\"}}");
    Files.writeString(app.resolve("package-lock.json"), "{}");
    Spec spec =
        q.toBuilder().functions(Optional.of(new Functions(app, Optional.empty(), null))).build();
    return SessionPlanner.open(
        new SpecResult(spec, List.of()),
        Path.of("app.yaml"),
        new FakeHostDriver(),
        mode,
        Optional.empty(),
        Interruptions.LockState.none(),
        environment);
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

  @Test
  void thePushMasksEverySensitiveTextOfTheDeploymentNotOnlyTheKey() throws Exception {
    Spec spec =
        TestSpecs.withEnv(
            TestSpecs.quickstart(), "OPENAI_API_KEY", Value.secret("sk-openai-value-0003"));
    LiveSession session = open(spec, Engine.Mode.STATUS, NO_NODE);
    String secret = session.instanceSecret().text();
    Sensitive masks = FunctionsPush.masks(session, "app|0123456789abcdef");
    assertThat(
            masks.redact(
                "key app|0123456789abcdef secret "
                    + secret
                    + " env sk-openai-value-0003 db postgres://u:p4ss@db/x"))
        .isEqualTo(
            "key (sensitive) secret (sensitive) env (sensitive) db postgres://(sensitive)@db/x");
  }
}
