package dev.provision.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.ExecResult;
import dev.provision.driver.postgres.ManagedPostgresCommands.IsReady;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagedPostgresCommandsTest {
  private static final String PSQL = "psql -v ON_ERROR_STOP=1 -U convex -d ";

  private static String line(List<String> command) {
    return String.join(" ", command);
  }

  @Test
  void isReadyProbesTheLoopbackPort() {
    assertThat(ManagedPostgresCommands.isReady("convex"))
        .containsExactly("pg_isready", "-h", "127.0.0.1", "-p", "5432", "-U", "convex");
  }

  @Test
  void existsQueryIsOneArgument() {
    List<String> command = ManagedPostgresCommands.databaseExists("convex", "my_app");
    assertThat(command)
        .containsExactly(
            "psql",
            "-v",
            "ON_ERROR_STOP=1",
            "-U",
            "convex",
            "-d",
            "postgres",
            "-tAc",
            "SELECT 1 FROM pg_database WHERE datname='my_app'");
  }

  @Test
  void createAndDropQuoteTheName() {
    assertThat(line(ManagedPostgresCommands.createDatabase("convex", "my_app")))
        .isEqualTo(PSQL + "postgres -tAc CREATE DATABASE \"my_app\"");
    assertThat(line(ManagedPostgresCommands.dropDatabase("convex", "my_app")))
        .isEqualTo(PSQL + "postgres -tAc DROP DATABASE \"my_app\"");
    assertThat(line(ManagedPostgresCommands.dropDatabaseIfExists("convex", "my_app")))
        .isEqualTo(PSQL + "postgres -tAc DROP DATABASE IF EXISTS \"my_app\"");
  }

  @Test
  void questionsAboutADatabaseConnectToIt() {
    assertThat(line(ManagedPostgresCommands.countRelations("convex", "my_app")))
        .isEqualTo(
            PSQL
                + "my_app -tAc SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid ="
                + " c.relnamespace WHERE c.relkind IN ('r','p','v','m','S','f') AND n.nspname NOT"
                + " IN ('pg_catalog','information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND"
                + " n.nspname NOT LIKE 'pg\\_temp\\_%'");
    assertThat(line(ManagedPostgresCommands.canCreateTables("convex", "my_app")))
        .isEqualTo(
            PSQL
                + "my_app -tAc SELECT coalesce(has_schema_privilege(current_user, current_schema(),"
                + " 'CREATE'), false)");
    assertThat(line(ManagedPostgresCommands.canCreateDb("convex")))
        .isEqualTo(
            PSQL
                + "postgres -tAc SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname ="
                + " current_user");
    assertThat(line(ManagedPostgresCommands.serverInfo("convex")))
        .isEqualTo(PSQL + "postgres -tAc SELECT current_setting('server_version'), current_user");
  }

  @Test
  void refusesNamesThatAreNotPlain() {
    assertThatThrownBy(() -> ManagedPostgresCommands.createDatabase("convex", "a\"b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesOutputs() {
    assertThat(ManagedPostgresCommands.parseExists(ok("1\n"), "pg")).isTrue();
    assertThat(ManagedPostgresCommands.parseExists(ok(""), "pg")).isFalse();
    assertThat(ManagedPostgresCommands.parseOid(ok("16384\n"), "pg")).contains("16384");
    assertThat(ManagedPostgresCommands.parseOid(ok(""), "pg")).isEmpty();
    assertThatThrownBy(() -> ManagedPostgresCommands.parseOid(ok("x"), "pg"))
        .hasMessageContaining("expected an oid or nothing");
    assertThat(ManagedPostgresCommands.databaseOid("convex", "my_app"))
        .endsWith("SELECT oid::text FROM pg_database WHERE datname='my_app'");
    assertThat(ManagedPostgresCommands.parseBoolean(ok("t\n"), "pg")).isTrue();
    assertThat(ManagedPostgresCommands.parseBoolean(ok("f\n"), "pg")).isFalse();
    assertThat(ManagedPostgresCommands.parseCount(ok("12\n"), "pg")).isEqualTo(12);
    assertThat(ManagedPostgresCommands.parseServerInfo(ok("17.2 (Debian 17.2-1)|convex\n"), "pg"))
        .containsExactly("17.2 (Debian 17.2-1)", "convex");
  }

  @Test
  void unexpectedOutputAndFailuresAreExplained() {
    assertThatThrownBy(() -> ManagedPostgresCommands.parseBoolean(ok("yes"), "pg"))
        .hasMessage(
            "error: unexpected psql output in the Postgres container 'pg': expected t or f, found"
                + " 'yes'");
    ExecResult failed = new ExecResult(1, "", "ERROR:  database \"my_app\" already exists\n");
    assertThatThrownBy(
            () -> ManagedPostgresCommands.requireOk(failed, "pg", "creating database 'my_app'"))
        .isInstanceOf(ProvisionException.class)
        .hasMessage(
            "error: psql in the Postgres container 'pg' failed while creating database 'my_app'"
                + " (exit 1): ERROR:  database \"my_app\" already exists\n"
                + "  hint: check the container's log (docker logs pg)");
  }

  @Test
  void readsPgIsReadyExitCodes() {
    assertThat(IsReady.of(new ExecResult(0, "", ""))).isEqualTo(IsReady.ACCEPTING);
    assertThat(IsReady.of(new ExecResult(1, "", ""))).isEqualTo(IsReady.REJECTING);
    assertThat(IsReady.of(new ExecResult(2, "", ""))).isEqualTo(IsReady.NO_RESPONSE);
    assertThat(IsReady.of(new ExecResult(126, "", ""))).isEqualTo(IsReady.NOT_ATTEMPTED);
  }

  private static ExecResult ok(String stdout) {
    return new ExecResult(0, stdout, "");
  }
}
