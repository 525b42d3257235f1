package dev.provision.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostic;
import dev.provision.model.Database.SslMode;
import dev.provision.postgres.PostgresEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plan-time check of an external server, with a capable and a limited role. */
class PostgresPreflightIT {
  private static TestPostgres server;

  @BeforeAll
  static void start() {
    server = TestPostgres.start();
    server.sql(
        "postgres",
        "CREATE ROLE limited LOGIN PASSWORD 'lim ited@pw' NOCREATEDB NOSUPERUSER",
        "CREATE DATABASE limited_app");
    server.sql("limited_app", "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static PreflightFindings preflight(String user, String password, String database) {
    PostgresEndpoint endpoint = server.endpoint(user, password, SslMode.DISABLE);
    return new PostgresPreflight(new JdbcPostgresAdmin(endpoint), user, "database").run(database);
  }

  @Test
  void aCapableRoleMayCreateTheMissingDatabase() {
    PreflightFindings f = preflight(TestPostgres.SUPERUSER, TestPostgres.SUPER_PASSWORD, "my_app");

    assertThat(f.problems()).isEmpty();
    assertThat(f.reachable()).isTrue();
    assertThat(f.exists()).isFalse();
    assertThat(f.creatable()).isTrue();
  }

  @Test
  void aLimitedRoleIsReportedForBothMissingPrivileges() {
    PreflightFindings missing = preflight("limited", "lim ited@pw", "limited_new");
    PreflightFindings present = preflight("limited", "lim ited@pw", "limited_app");

    assertThat(missing.ok()).isFalse();
    assertThat(missing.problems())
        .extracting(Diagnostic::message)
        .containsExactly(
            "database 'limited_new' does not exist and role 'limited' may not create databases");
    assertThat(present.ok()).isFalse();
    assertThat(present.exists()).isTrue();
    assertThat(present.empty()).isTrue();
    assertThat(present.problems())
        .extracting(Diagnostic::message)
        .containsExactly(
            "role 'limited' may not create tables in database 'limited_app' (no CREATE privilege on"
                + " its current schema); the backend creates its tables there");
  }

  @Test
  void aWrongPasswordStopsThePreflightWithOneProblem() {
    PreflightFindings f = preflight("limited", "wrong", "limited_app");

    assertThat(f.reachable()).isFalse();
    assertThat(f.problems()).hasSize(1);
    assertThat(f.problems().get(0).path()).isEqualTo("database");
    assertThat(f.problems().get(0).message()).contains("rejected the password for role 'limited'");
  }
}
