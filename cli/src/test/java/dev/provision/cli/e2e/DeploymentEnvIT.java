package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.driver.convex.EnvChange;
import dev.provision.driver.convex.HttpConvexAdminApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * The spec's env vars are the source of truth for the variables provision set: a change is one
 * update, a variable dropped from the spec is deleted, and a variable the user set by hand (npx
 * convex env set) is never touched.
 */
class DeploymentEnvIT {
  static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();

  @Test
  void onlyVariablesProvisionSetAreChangedOrDeleted() throws Exception {
    try (E2e e = new E2e()) {
      HttpConvexAdminApi api = applyTwoVarsAndOneByHand(e);

      E2e.Run plan =
          e.run(
              "plan",
              SPEC,
              "--set",
              "dashboard.enabled=false",
              "--set",
              "env.FEATURE=beta",
              "--format",
              "json");
      List<String> changes = new ArrayList<>();
      for (JsonNode c : Live.json(plan.out()).path("changes")) {
        changes.add(c.path("action").asText() + " " + c.path("address").asText());
      }
      assertThat(changes)
          .containsExactly(
              "update env.FEATURE", "delete env.OLD_FLAG", "update env.PROVISION_MANAGED_ENV");

      E2e.Run second =
          e.run(
              "apply",
              SPEC,
              "--set",
              "dashboard.enabled=false",
              "--set",
              "env.FEATURE=beta",
              "--yes");
      assertThat(second.code()).as(second.all()).isZero();
      SortedMap<String, String> vars = api.listEnvironmentVariables();
      assertThat(vars)
          .containsEntry("FEATURE", "beta")
          .containsEntry("MINE", "set by hand")
          .containsEntry("PROVISION_MANAGED_ENV", "FEATURE")
          .doesNotContainKey("OLD_FLAG");
    }
  }

  /**
   * Applies the quickstart with FEATURE=alpha and OLD_FLAG=legacy, then sets MINE by hand through
   * the admin API, which it returns.
   */
  static HttpConvexAdminApi applyTwoVarsAndOneByHand(E2e e) throws Exception {
    E2e.Run apply =
        e.run(
            "apply",
            SPEC,
            "--set",
            "dashboard.enabled=false",
            "--set",
            "env.FEATURE=alpha",
            "--set",
            "env.OLD_FLAG=legacy",
            "--yes");
    assertThat(apply.code()).as(apply.all()).isZero();
    String key = Live.adminKey(e.deployment, Live.instanceSecret(e.dir.resolve("secrets.json")));
    HttpConvexAdminApi api = Live.api(e.cloudUrl(), key);
    api.updateEnvironmentVariables(List.of(EnvChange.set("MINE", "set by hand")));
    return api;
  }
}
