package dev.provision.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PostgresAdmin} must do against a real server, logged in as its superuser.
 * Subclasses say how to build the admin; each class gets its own server.
 */
abstract class PostgresAdminContract {
  static TestPostgres server;

  @BeforeAll
  static void startServer() {
    server = TestPostgres.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  /** An admin logged in as {@link TestPostgres#SUPERUSER}. */
  abstract PostgresAdmin admin();

  @Test
  void checkReportsTheServerAndTheRole() {
    ServerInfo info = admin().check();
    assertThat(info.majorVersion()).isGreaterThanOrEqualTo(12);
    assertThat(info.user()).isEqualTo(TestPostgres.SUPERUSER);
    assertThat(info.maintenanceDatabase()).isEqualTo("postgres");
  }

  @Test
  void createsTheDeploymentDatabaseAndUndoesIt() {
    PostgresAdmin admin = admin();
    String name = DatabaseNames.forInstance("my-app");
    assertThat(admin.databaseExists(name)).isFalse();

    admin.createDatabase(name);

    assertThat(admin.databaseExists(name)).isTrue();
    assertThat(admin.isEmpty(name)).isTrue();
    assertThat(admin.canCreateTables(name)).isTrue();
    admin.dropDatabaseIfEmpty(name);
    assertThat(admin.databaseExists(name)).isFalse();
    admin.dropDatabaseIfEmpty(name);
  }

  @Test
  void aDatabaseCreatedAgainHasANewIdentity() {
    PostgresAdmin admin = admin();
    assertThat(admin.databaseIdentity("again")).isEmpty();
    admin.createDatabase("again");
    java.util.Optional<String> first = admin.databaseIdentity("again");
    assertThat(first).hasValueSatisfying(oid -> assertThat(oid).matches("[0-9]+"));
    assertThat(admin.databaseIdentity("again")).isEqualTo(first);

    admin.dropCreatedDatabase("again");
    admin.createDatabase("again");

    assertThat(admin.databaseIdentity("again")).isPresent().isNotEqualTo(first);
    admin.dropCreatedDatabase("again");
  }

  @Test
  void refusesToDropADatabaseThatHoldsData() {
    PostgresAdmin admin = admin();
    admin.createDatabase("keep_me");
    server.sql("keep_me", "CREATE TABLE documents (id bigint PRIMARY KEY)");

    assertThat(admin.isEmpty("keep_me")).isFalse();
    assertThatThrownBy(() -> admin.dropDatabaseIfEmpty("keep_me"))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("database 'keep_me' on ")
        .hasMessageContaining(
            "is not empty (1 table or other relation), so the engine will not drop it");
    assertThat(admin.databaseExists("keep_me")).isTrue();
  }

  @Test
  void undoesItsOwnCreateEvenAfterTheBackendMadeTables() {
    PostgresAdmin admin = admin();
    admin.createDatabase("made_now");
    server.sql("made_now", "CREATE TABLE documents (id bigint PRIMARY KEY)");

    admin.dropCreatedDatabase("made_now");

    assertThat(admin.databaseExists("made_now")).isFalse();
    admin.dropCreatedDatabase("made_now");
  }

  @Test
  void aTableInAnotherSchemaIsDataToo() {
    PostgresAdmin admin = admin();
    admin.createDatabase("other_schema");
    server.sql("other_schema", "CREATE SCHEMA app", "CREATE SEQUENCE app.counter");

    assertThat(admin.isEmpty("other_schema")).isFalse();
  }

  @Test
  void refusesToCreateADatabaseTwice() {
    PostgresAdmin admin = admin();
    admin.createDatabase("twice");
    assertThatThrownBy(() -> admin.createDatabase("twice"))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("twice")
        .hasMessageContaining("already exists");
  }

  @Test
  void theSuperuserMayCreateDatabases() {
    assertThat(admin().hasCreateDbPrivilege()).isTrue();
  }
}
