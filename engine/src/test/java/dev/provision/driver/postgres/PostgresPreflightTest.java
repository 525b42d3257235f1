package dev.provision.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import org.junit.jupiter.api.Test;

class PostgresPreflightTest {

  /** A scripted server: answers from fields, or fails on check. */
  private static final class FakeAdmin implements PostgresAdmin {
    ProvisionException unreachable;
    boolean exists;
    boolean createDb;
    boolean tables;
    boolean empty = true;

    @Override
    public ServerInfo check() {
      if (unreachable != null) {
        throw unreachable;
      }
      return new ServerInfo("17.2", "convex", "postgres");
    }

    @Override
    public boolean databaseExists(String name) {
      return exists;
    }

    @Override
    public java.util.Optional<String> databaseIdentity(String name) {
      return exists ? java.util.Optional.of("16384") : java.util.Optional.empty();
    }

    @Override
    public void createDatabase(String name) {
      throw new AssertionError("a preflight never changes anything");
    }

    @Override
    public boolean isEmpty(String name) {
      return empty;
    }

    @Override
    public void dropDatabaseIfEmpty(String name) {
      throw new AssertionError("a preflight never changes anything");
    }

    @Override
    public void dropCreatedDatabase(String name) {
      throw new AssertionError("a preflight never changes anything");
    }

    @Override
    public boolean canCreateTables(String name) {
      return tables;
    }

    @Override
    public boolean hasCreateDbPrivilege() {
      return createDb;
    }
  }

  private final FakeAdmin admin = new FakeAdmin();
  private final PostgresPreflight preflight = new PostgresPreflight(admin, "convex", "database");

  @Test
  void missingDatabaseThatTheRoleMayCreate() {
    admin.createDb = true;
    PreflightFindings f = preflight.run("my_app");
    assertThat(f)
        .isEqualTo(new PreflightFindings("17.2", false, null, true, true, java.util.List.of()));
    assertThat(f.ok()).isTrue();
    assertThat(f.reachable()).isTrue();
  }

  @Test
  void missingDatabaseThatTheRoleMayNotCreate() {
    PreflightFindings f = preflight.run("my_app");
    assertThat(f.ok()).isFalse();
    assertThat(f.problems()).hasSize(1);
    assertThat(f.problems().get(0).render())
        .isEqualTo(
            "error: database 'my_app' does not exist and role 'convex' may not create databases\n"
                + "  at: database\n"
                + "  hint: create it as an administrator: CREATE DATABASE my_app OWNER \"convex\";"
                + " or allow the role: ALTER ROLE \"convex\" CREATEDB");
  }

  @Test
  void existingDatabaseWithoutCreateOnTheSchema() {
    admin.exists = true;
    admin.empty = false;
    PreflightFindings f = preflight.run("my_app");
    assertThat(f.exists()).isTrue();
    assertThat(f.empty()).isFalse();
    assertThat(f.canCreateTables()).isFalse();
    assertThat(f.problems())
        .extracting(Diagnostic::message)
        .containsExactly(
            "role 'convex' may not create tables in database 'my_app' (no CREATE privilege on its"
                + " current schema); the backend creates its tables there");
  }

  @Test
  void existingUsableDatabase() {
    admin.exists = true;
    admin.tables = true;
    PreflightFindings f = preflight.run("my_app");
    assertThat(f)
        .isEqualTo(new PreflightFindings("17.2", true, true, true, true, java.util.List.of()));
  }

  @Test
  void unreachableServerIsOneProblemAtTheDatabasePath() {
    admin.unreachable =
        ProvisionException.of("cannot reach Postgres at db:5432: connection refused", "check");
    PreflightFindings f = preflight.run("my_app");
    assertThat(f.reachable()).isFalse();
    assertThat(f.problems()).extracting(Diagnostic::path).containsExactly("database");
    assertThat(f.problems().get(0).message())
        .isEqualTo("cannot reach Postgres at db:5432: connection refused");
  }
}
