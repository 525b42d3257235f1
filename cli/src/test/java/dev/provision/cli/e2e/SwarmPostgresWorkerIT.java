package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.HostDriver;
import dev.provision.testing.SwarmCluster;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Managed Postgres with its data on a worker of a real two-node swarm: provision creates and checks
 * the database by running commands in the Postgres task, which the manager's API can do only on the
 * manager, so plan and apply refuse before anything changes, naming the node, and leave nothing.
 */
class SwarmPostgresWorkerIT {
  private static final String SPEC = Path.of("..", "specs", "postgres-managed.yaml").toString();

  @Test
  void managedPostgresOnAWorkerIsRefusedBeforeAnythingChanges() throws Exception {
    SwarmCluster.assumeAvailable();
    try (SwarmCluster cluster =
            SwarmCluster.start(2, List.of(E2e.backendImage(), E2e.postgresImage()));
        E2e e = SwarmQuickstartIT.onSwarm(cluster.manager(), cluster.node(1))) {
      String[] extra = {
        "--set", "database.postgres.managed.image=" + E2e.postgresImage(),
        "--set", "outputs.envFile=" + e.dir.resolve(".env.local"),
        "--set", "dashboard.enabled=false"
      };
      String worker = cluster.node(1).hostname();
      for (E2e.Run run :
          List.of(
              e.run("plan", SPEC, extra),
              e.run("apply", SPEC, PostgresManagedIT.with(extra, "--yes")))) {
        assertThat(run.code()).as(run.all()).isEqualTo(1);
        assertThat(run.err())
            .contains("cannot create and check the database ")
            .contains(" of the managed Postgres through the swarm manager")
            .contains("the deployment's data is on node " + worker)
            .contains("keep the data on the manager");
      }
      try (HostDriver target = e.docker()) {
        assertThat(target.observe(e.deployment).resources()).isEmpty();
      }
      assertThat(cluster.docker(0, "node", "inspect", worker, "--format", "{{json .Spec.Labels}}"))
          .doesNotContain("dev.provision.node." + e.deployment);
    }
  }
}
