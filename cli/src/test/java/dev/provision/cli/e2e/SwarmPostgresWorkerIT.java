package dev.provision.cli.e2e;

import static dev.provision.cli.e2e.PostgresManagedIT.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testing.SwarmCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Managed Postgres with its data on a worker of a real three-node swarm, reached through the
 * manager's Swarm API alone: apply creates the database named after the instance (psql runs in a
 * helper service beside the Postgres task), the backend answers, a second plan is empty; a backup
 * and a restore bring back exactly the data of the backup; and no helper service or config is left.
 */
class SwarmPostgresWorkerIT {
  private static final String SPEC = Path.of("..", "specs", "postgres-managed.yaml").toString();
  private static final String HELPER = "label=dev.provision.swarm.helper";

  @Test
  void managedPostgresOnAWorkerAppliesBacksUpAndRestores() throws Exception {
    SwarmCluster.assumeAvailable();
    try (SwarmCluster cluster =
            SwarmCluster.start(3, List.of(E2e.backendImage(), E2e.postgresImage()));
        E2e e = SwarmQuickstartIT.onSwarm(cluster.manager(), cluster.node(1))) {
      String[] sets = {
        "--set", "database.postgres.managed.image=" + E2e.postgresImage(),
        "--set", "outputs.envFile=" + e.dir.resolve(".env.local"),
        "--set", "dashboard.enabled=false"
      };
      long t0 = System.nanoTime();
      E2e.Run apply = e.run("apply", SPEC, with(sets, "--yes"));
      long t1 = System.nanoTime();
      assertThat(apply.code()).as(apply.all()).isZero();
      assertThat(cluster.docker(0, "service", "ps", e.deployment + "-postgres"))
          .contains(cluster.node(1).hostname());
      PostgresAuthChecks.databaseExistsAndBackendServes(e);
      long t2 = System.nanoTime();
      E2e.Run plan = e.run("plan", SPEC, with(sets, "--detailed-exitcode"));
      long t3 = System.nanoTime();
      assertThat(plan.code()).as(plan.all()).isZero();

      String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
      Documents docs = new Documents(e.cloudUrl(), Live.adminKey(e.deployment, secret));
      docs.put("a", "written before the backup");
      long t4 = System.nanoTime();
      E2e.Run backup = e.run("backup", SPEC, sets);
      long t5 = System.nanoTime();
      assertThat(backup.code()).as(backup.all()).isZero();
      Path archive;
      try (Stream<Path> found = Files.list(e.dir.resolve("backups"))) {
        archive = found.filter(p -> p.toString().endsWith(".tar")).findFirst().orElseThrow();
      }
      docs.put("a", "changed after the backup");
      docs.put("c", "written after the backup");

      long t6 = System.nanoTime();
      E2e.Run restore = e.run("restore", SPEC, with(sets, archive.toString(), "--yes"));
      System.out.printf(
          "worker timings: apply %d ms, plan %d ms, backup %d ms, restore %d ms%n",
          (t1 - t0) / 1_000_000,
          (t3 - t2) / 1_000_000,
          (t5 - t4) / 1_000_000,
          (System.nanoTime() - t6) / 1_000_000);
      assertThat(restore.code()).as(restore.all()).isZero();
      assertThat(docs.all()).isEqualTo(Map.of("a", "written before the backup"));

      assertThat(cluster.docker(0, "service", "ls", "-q", "--filter", HELPER)).isBlank();
      assertThat(cluster.docker(0, "config", "ls", "-q", "--filter", HELPER)).isBlank();
      assertThat(String.join("\n", e.outputs)).doesNotContain(secret);
    }
  }
}
