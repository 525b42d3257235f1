package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.driver.ExecResult;
import dev.provision.driver.HostDriver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A managed Postgres password change on a real engine: the plan sets it in Postgres (ALTER ROLE)
 * before replacing Postgres (stopped first) and the backend, graded downtime; after the apply the
 * backend serves, Postgres accepts the new password and refuses the old one, no password appears in
 * any output, and the next plan is empty.
 */
class PostgresPasswordIT {
  private static final String SPEC = Path.of("..", "specs", "postgres-managed.yaml").toString();

  @Test
  void aPasswordChangeIsSetInPostgresAndTheBackendReconnects() throws Exception {
    try (E2e e = new E2e()) {
      String first = "first-Pw-" + e.deployment;
      String second = "second-Pw-it's-" + e.deployment;
      e.env.put("PT_PG_PASSWORD", first);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--set",
                  "database.postgres.managed.image=" + E2e.postgresImage(),
                  "--set",
                  "database.postgres.managed.volume=" + e.deployment + "-pgdata",
                  "--set",
                  "database.postgres.managed.password=${env:PT_PG_PASSWORD}",
                  "--set",
                  "dashboard.enabled=false",
                  "--set",
                  "outputs.envFile=" + e.dir.resolve(".env.local")));
      E2e.Run apply = e.run("apply", SPEC, with(args, "--yes"));
      assertThat(apply.code()).as(apply.all()).isZero();

      e.env.put("PT_PG_PASSWORD", second);
      E2e.Run plan = e.run("plan", SPEC, with(args, "--format", "json"));
      assertThat(plan.code()).as(plan.all()).isZero();
      JsonNode postgres = change(Live.json(plan.out()), "container.postgres");
      assertThat(postgres.path("risk").asText()).isEqualTo("downtime");
      assertThat(postgres.toString()).contains("set-postgres-password");
      assertThat(change(Live.json(plan.out()), "container.backend").path("risk").asText())
          .isEqualTo("downtime");

      E2e.Run changed = e.run("apply", SPEC, with(args, "--yes"));
      assertThat(changed.code()).as(changed.all()).isZero();
      assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);

      try (HostDriver docker = e.docker()) {
        assertThat(login(docker, e.deployment + "-postgres", second).ok()).isTrue();
        assertThat(login(docker, e.deployment + "-postgres", first).ok()).isFalse();
      }

      E2e.Run again = e.run("plan", SPEC, with(args, "--detailed-exitcode"));
      assertThat(again.code()).as(again.all()).isZero();
      String all = String.join("\n", e.outputs);
      assertThat(all).doesNotContain(first).doesNotContain(second);
    }
  }

  /** Logs in over TCP with a password (the local socket would trust anyone). */
  private static ExecResult login(HostDriver docker, String container, String password) {
    return docker.exec(
        container,
        List.of("psql", "-h", "127.0.0.1", "-U", "convex", "-d", "postgres", "-tAc", "select 1"),
        Map.of("PGPASSWORD", password));
  }

  private static JsonNode change(JsonNode plan, String address) {
    for (JsonNode c : plan.path("changes")) {
      if (c.path("address").asText().equals(address)) {
        return c;
      }
    }
    throw new AssertionError("no change for " + address + " in " + plan);
  }

  private static String[] with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
