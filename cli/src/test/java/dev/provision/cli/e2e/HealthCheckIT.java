package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.driver.HostDriver;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.secrets.HashKey;
import dev.provision.secrets.SecretsFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The backend and managed Postgres get Docker health checks ({@code curl} on {@code /version},
 * {@code pg_isready}): Docker reports them healthy, and {@code provision status} (text and JSON)
 * shows it. A backend made by a provision before health checks (no health check, a v2 label) plans
 * no change and reports no drift: the plan is the golden {@code health/older-provision-plan.txt}.
 */
class HealthCheckIT {
  private static final String SPEC = Path.of("..", "specs", "postgres-managed.yaml").toString();

  private static String[] sets(E2e e, String... more) {
    String[] base = {
      "--set", "database.postgres.managed.image=" + E2e.postgresImage(),
      "--set", "database.postgres.managed.volume=" + e.deployment + "-pgdata",
      "--set", "outputs.envFile=" + e.dir.resolve(".env.local"),
      "--set", "dashboard.enabled=false"
    };
    return PostgresManagedIT.with(base, more);
  }

  private static String health(String container) {
    return Docker.run(
            "inspect", "-f", "{{if .State.Health}}{{.State.Health.Status}}{{end}}", container)
        .strip();
  }

  private static void awaitHealthy(String container) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    String last = health(container);
    while (!last.equals("healthy") && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      last = health(container);
    }
    assertThat(last).as("health of " + container).isEqualTo("healthy");
  }

  private static void awaitServing(E2e e) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Live.status(e.cloudUrl() + "/version") != 200 && Instant.now().isBefore(deadline)) {
      Thread.sleep(300);
    }
  }

  /**
   * The plan text with the test's deployment name as {@code DEPLOYMENT}, and without the warning
   * about a {@code :latest} image, which only some test images give.
   */
  private static String normalised(String plan, E2e e) {
    return plan.replace(e.deployment, "DEPLOYMENT")
        .replaceAll(
            "(?m)^Warnings:\n  --set:\\d+:\\d+: warning: `backend.image` uses the moving tag"
                + " :latest\n.*\n.*\n\n",
            "");
  }

  @Test
  void healthIsReportedAndAnOlderContainerWithoutACheckPlansNoChange() throws Exception {
    try (E2e e = new E2e()) {
      E2e.Run apply = e.run("apply", SPEC, sets(e, "--yes"));
      assertThat(apply.code()).as(apply.all()).isZero();
      String backend = e.deployment + "-backend";
      String postgres = e.deployment + "-postgres";
      assertThat(Docker.run("inspect", "-f", "{{json .Config.Healthcheck.Test}}", backend))
          .contains("curl")
          .contains("/version");
      awaitHealthy(backend);
      awaitHealthy(postgres);

      E2e.Run status = e.run("status", SPEC, sets(e));
      assertThat(status.code()).as(status.all()).isZero();
      assertThat(status.out())
          .containsPattern("container\\.backend +running, health healthy, ")
          .containsPattern("container\\.postgres +running, health healthy, ");
      E2e.Run json = e.run("status", SPEC, sets(e, "--json"));
      assertThat(json.code()).as(json.all()).isZero();
      JsonNode resources = Live.json(json.out()).path("resources");
      assertThat(resources.toString())
          .contains(
              "{\"address\":\"container.backend\",\"state\":\"running\",\"exitCode\":null,"
                  + "\"health\":\"healthy\"")
          .contains(
              "{\"address\":\"container.postgres\",\"state\":\"running\",\"exitCode\":null,"
                  + "\"health\":\"healthy\"");

      // what a provision before health checks left: the same container without a check, v2 label
      try (HostDriver host = e.docker()) {
        ContainerResource real =
            (ContainerResource)
                host.observe(e.deployment)
                    .resources()
                    .get(Address.parse("container.backend"))
                    .resource();
        assertThat(real.healthCheck()).isNotNull();
        HashKey key = HashKey.load(new SecretsFile(e.dir.resolve("secrets.json")), false);
        ContainerResource old = real.withHealthCheck(null);
        host.stopContainer(real.name(), 10);
        host.removeContainer(real.name());
        host.createContainer(e.deployment, old, old.name(), key.hashes().v2(old));
        host.startContainer(old.name());
      }
      assertThat(health(backend)).isEmpty();
      awaitServing(e);

      E2e.Run plan = e.run("plan", SPEC, sets(e, "--detailed-exitcode"));
      assertThat(plan.code()).as(plan.all()).isZero();
      String golden =
          new String(
              Objects.requireNonNull(
                      HealthCheckIT.class.getResourceAsStream("/health/older-provision-plan.txt"))
                  .readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(normalised(plan.out(), e)).isEqualTo(golden);

      E2e.Run after = e.run("status", SPEC, sets(e, "--detailed-exitcode"));
      assertThat(after.code()).as(after.all()).isZero();
      assertThat(after.out())
          .containsPattern("container\\.backend +running, provision-test")
          .contains("Drift: none");
    }
  }
}
