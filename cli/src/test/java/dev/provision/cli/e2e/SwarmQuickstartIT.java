package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.swarm.SwarmHostDriver;
import dev.provision.testing.SwarmCluster;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quickstart on a real one-node Docker Swarm ({@link SwarmCluster}: its own dockerd in a
 * network namespace), through {@code target.swarm}: the same checks as on Docker ({@link
 * QuickstartChecks}), the backend reached on the node's address through its host-mode ports, the
 * plan's exposure warning, and {@code status} right after apply naming the node of each service and
 * reporting no drift.
 */
class SwarmQuickstartIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();

  /** An E2e whose deployment runs on {@code cluster}, its data on {@code data}. */
  static E2e onSwarm(SwarmCluster.Node manager, SwarmCluster.Node data) throws Exception {
    E2e e = new E2e();
    e.host = data.address();
    e.extraSets.addAll(
        List.of(
            "--set", "target.swarm.host=" + manager.dockerHost(),
            "--set", "target.swarm.node=" + data.hostname(),
            "--set", "backend.origins.cloud=" + e.cloudUrl(),
            "--set", "backend.origins.site=http://" + data.address() + ":" + e.sitePort));
    e.driver = () -> SwarmHostDriver.open(manager.dockerHost(), null, false, data.hostname());
    return e;
  }

  @Test
  void quickstartServesOnTheNodeAndLeavesNothing() throws Exception {
    SwarmCluster.assumeAvailable();
    try (SwarmCluster cluster =
            SwarmCluster.start(1, List.of(E2e.backendImage(), E2e.dashboardImage()));
        E2e e = onSwarm(cluster.manager(), cluster.manager())) {
      String node = cluster.manager().hostname();
      E2e.Run plan = e.run("plan", SPEC);
      assertThat(plan.code()).as(plan.all()).isZero();
      assertThat(plan.out())
          .contains("are published in host mode on node `" + node + "` on all its interfaces")
          .contains("the data stays on node `" + node + "`");

      QuickstartChecks.appliesAndServes(e, SPEC);
      String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
      String key = Live.adminKey(e.deployment, secret);
      assertThat(Live.api(e.cloudUrl(), key).checkAdminKey().accepted()).isTrue();

      QuickstartChecks.plansEmpty(e, SPEC);

      E2e.Run status = e.run("status", SPEC);
      assertThat(status.code()).as(status.all()).isZero();
      assertThat(status.out())
          .contains("data on node " + node + ")")
          .containsPattern("container\\.backend +running, .*, on node " + node + "\n")
          .contains("Drift: none\n")
          .doesNotContain("changed outside provision")
          .contains("Pending: none");

      QuickstartChecks.destroyLeavesNothing(e, SPEC);
      assertThat(String.join("\n", e.outputs)).doesNotContain(secret).doesNotContain(key);
    }
  }
}
