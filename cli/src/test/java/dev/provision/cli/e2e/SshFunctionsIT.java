package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Over an SSH target the app's Convex CLI runs on this machine and reaches the backend's API
 * through the SSH port forward: apply pushes both modules, and the next plan is empty.
 */
class SshFunctionsIT {
  private static final Path APP = Path.of("..", "testing", "functions-app").toAbsolutePath();

  @Test
  void theLocalCliPushesThroughThePortForward() throws Exception {
    FunctionsIT.requireApp();
    try (SshBench bench = SshBench.start()) {
      Path app = FunctionsIT.copyApp(bench.e2e.dir);
      String dir = "functions.dir=" + app;
      E2e.Run applied = bench.cli("apply", "--set", dir, "--yes");
      assertThat(applied.code()).as(applied.all()).isZero();
      assertThat(applied.out()).contains("Deployed Convex functions");
      String key =
          Live.adminKey(
              bench.e2e.deployment, Live.instanceSecret(bench.e2e.dir.resolve("secrets.json")));
      assertThat(FunctionsIT.modules(bench.e2e.cloudUrl(), key))
          .containsKeys("messages.js", "send.js");
      E2e.Run plan = bench.cli("plan", "--set", dir, "--detailed-exitcode");
      assertThat(plan.code()).as(plan.all()).isZero();
    }
  }
}
