package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.ExecResult;
import dev.provision.driver.HostDriver;
import dev.provision.driver.postgres.ManagedPostgresCommands;
import dev.provision.testing.SwarmCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * Managed Postgres with Convex Auth on a real one-node Docker Swarm ({@link SwarmCluster}) through
 * {@code target.swarm}: the same checks as on Docker ({@link PostgresAuthChecks}, {@link
 * QuickstartChecks}), and no secret value (instance secret, Postgres password, JWT key, provider
 * secret, admin key) in the services' labels, plan output, status JSON or logs (the Postgres log is
 * made to hold the instance secret and the Postgres password, and {@code provision logs} masks
 * them).
 */
class SwarmPostgresAuthIT {
  private static final String SPEC = Path.of("..", "specs", "auth-github.yaml").toString();
  private static final String PROVIDER_SECRET = "gh-swarm-secret-7a3e19";

  @Test
  void postgresAndAuthPassTheDockerChecksAndNoSecretLeaks() throws Exception {
    SwarmCluster.assumeAvailable();
    try (SwarmCluster cluster =
            SwarmCluster.start(1, List.of(E2e.backendImage(), E2e.postgresImage()));
        E2e e = SwarmQuickstartIT.onSwarm(cluster.manager(), cluster.manager())) {
      Path envFile = e.dir.resolve(".env.local");
      e.env.put("AUTH_GITHUB_SECRET", PROVIDER_SECRET);
      String[] extra = {
        "--set", "database.postgres.managed.image=" + E2e.postgresImage(),
        "--set", "database.postgres.managed.user=convex",
        "--set", "database.postgres.managed.volume=" + e.deployment + "-pgdata",
        "--set", "outputs.envFile=" + envFile,
        "--set", "dashboard.enabled=false"
      };

      E2e.Run apply = e.run("apply", SPEC, PostgresManagedIT.with(extra, "--yes"));
      assertThat(apply.code()).as(apply.all()).isZero();
      PostgresAuthChecks.databaseExistsAndBackendServes(e);
      String key = PostgresAuthChecks.envFileKeyWorks(e, envFile);
      SortedMap<String, String> vars = PostgresAuthChecks.authVarsSet(e, key, PROVIDER_SECRET);
      QuickstartChecks.plansEmpty(e, SPEC, extra);
      assertThat(e.run("plan", SPEC, PostgresManagedIT.with(extra, "--format", "json")).code())
          .isZero();
      assertThat(
              cluster.docker(
                  0,
                  "service",
                  "inspect",
                  "--format",
                  "{{json .Spec.TaskTemplate.Placement.Constraints}} {{.Spec.UpdateConfig.Order}}"
                      + " {{.Spec.EndpointSpec.Mode}} {{json .Spec.TaskTemplate.Networks}}",
                  e.deployment + "-postgres"))
          .contains("node.labels.dev.provision.node." + e.deployment + "==data")
          .contains(" stop-first dnsrr ")
          .contains("\"Aliases\":[\"postgres\"");

      E2e.Run status = e.run("status", SPEC, PostgresManagedIT.with(extra, "--json"));
      assertThat(status.code()).as(status.all()).isZero();
      assertThat(status.out()).contains("\"container.postgres\"");
      List<String> secrets =
          List.of(
              Live.instanceSecret(e.dir.resolve("secrets.json")),
              Live.secretsFileValue(e.dir.resolve("secrets.json"), "postgresPassword"),
              key,
              PROVIDER_SECRET,
              vars.get("JWT_PRIVATE_KEY").substring(40, 80));
      plantInPostgresLog(e, secrets.subList(0, 2));
      E2e.Run backendLog = e.run("logs", SPEC, PostgresManagedIT.with(extra, "backend"));
      assertThat(backendLog.code()).as(backendLog.all()).isZero();
      E2e.Run postgresLog = e.run("logs", SPEC, PostgresManagedIT.with(extra, "postgres"));
      assertThat(postgresLog.code()).as(postgresLog.all()).isZero();
      assertThat(postgresLog.all()).contains("invalid input syntax for type integer");
      String labels = labelsOf(cluster, e.deployment);
      assertThat(labels).contains("dev.provision.deployment");
      for (String secret : secrets) {
        assertThat(secret).isNotBlank();
        assertThat(labels).doesNotContain(secret);
        assertThat(String.join("\n", e.outputs)).doesNotContain(secret);
      }
      String specs = servicesOf(cluster, e.deployment, "{{json .Spec}}");
      assertThat(specs).contains("INSTANCE_SECRET=").contains("POSTGRES_URL=");
      for (String apiOnly : secrets.subList(2, secrets.size())) {
        assertThat(specs).doesNotContain(apiOnly); // admin key, provider secret, JWT key
      }

      QuickstartChecks.destroyLeavesNothing(e, SPEC, extra);
    }
  }

  /**
   * Makes the Postgres server log the secrets: each is sent as a bad integer literal, which the
   * server reports with the statement in its log (through the Swarm driver's exec in the task).
   */
  private static void plantInPostgresLog(E2e e, List<String> secrets) {
    try (HostDriver target = e.docker()) {
      for (String secret : secrets) {
        ExecResult r =
            target.exec(
                e.deployment + "-postgres",
                ManagedPostgresCommands.psql("convex", "postgres", "SELECT '" + secret + "'::int"));
        assertThat(r.exitCode()).isNotZero();
      }
    }
  }

  /** The labels of every service of the deployment (service and container), as JSON text. */
  static String labelsOf(SwarmCluster cluster, String deployment) {
    return servicesOf(
        cluster,
        deployment,
        "{{json .Spec.Labels}} {{json .Spec.TaskTemplate.ContainerSpec.Labels}}");
  }

  /** {@code docker service inspect --format FORMAT} of every service of the deployment. */
  static String servicesOf(SwarmCluster cluster, String deployment, String format) {
    StringBuilder all = new StringBuilder();
    String ids =
        cluster.docker(
            0, "service", "ls", "-q", "--filter", "label=dev.provision.deployment=" + deployment);
    for (String id : ids.trim().split("\\s+")) {
      all.append(cluster.docker(0, "service", "inspect", "--format", format, id));
    }
    return all.toString();
  }
}
