package dev.provision.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.provision.diag.ProvisionException;
import dev.provision.model.Database.SslMode;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The JDBC admin of an external server against a real one, including every login failure. */
class JdbcPostgresAdminIT extends PostgresAdminContract {

  @Override
  PostgresAdmin admin() {
    return new JdbcPostgresAdmin(server.superuser());
  }

  @Test
  void wrongPasswordIsAClearErrorWithoutThePassword() {
    String wrong = "not-the-password-4711";
    JdbcPostgresAdmin admin =
        new JdbcPostgresAdmin(server.endpoint(TestPostgres.SUPERUSER, wrong, SslMode.DISABLE));

    assertThatThrownBy(admin::check)
        .isInstanceOf(ProvisionException.class)
        .hasMessageStartingWith(
            "error: Postgres at 127.0.0.1:"
                + server.port()
                + " rejected the password for role 'boss'")
        .hasMessageNotContaining(wrong)
        .hasNoCause();
  }

  @Test
  void unknownRoleIsAClearError() {
    JdbcPostgresAdmin admin =
        new JdbcPostgresAdmin(server.endpoint("nobody", "whatever", SslMode.DISABLE));

    assertThatThrownBy(admin::check)
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("role 'nobody'");
  }

  @Test
  void closedPortIsUnreachable() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    JdbcPostgresAdmin admin = new JdbcPostgresAdmin(server.superuser().via("127.0.0.1", closed));

    assertThatThrownBy(admin::check)
        .isInstanceOf(ProvisionException.class)
        .hasMessageStartingWith(
            "error: cannot reach Postgres at 127.0.0.1:" + closed + ": connection refused")
        .hasMessageContaining("hint: check the host and port");
  }

  @Test
  void requiringTlsFromAServerWithoutItSuggestsSslDisable() throws SQLException {
    assumeTrue("off".equals(serverSetting("ssl")), "this test needs a server without TLS");
    JdbcPostgresAdmin admin =
        new JdbcPostgresAdmin(
            server.endpoint(TestPostgres.SUPERUSER, TestPostgres.SUPER_PASSWORD, SslMode.REQUIRE));

    assertThatThrownBy(admin::check)
        .isInstanceOf(ProvisionException.class)
        .hasMessageStartingWith(
            "error: Postgres at 127.0.0.1:"
                + server.port()
                + " does not offer TLS, but the spec says ssl: require")
        .hasMessageContaining("set ssl: disable");
  }

  @Test
  void fallsBackToTemplate1WithoutThePostgresDatabase() {
    server.sql("template1", "ALTER DATABASE postgres RENAME TO postgres_away");
    try {
      ServerInfo info = new JdbcPostgresAdmin(server.superuser()).check();
      assertThat(info.maintenanceDatabase()).isEqualTo("template1");
      JdbcPostgresAdmin admin = new JdbcPostgresAdmin(server.superuser());
      assertThat(admin.databaseExists("postgres_away")).isTrue();
    } finally {
      server.sql("template1", "ALTER DATABASE postgres_away RENAME TO postgres");
    }
  }

  @Test
  void restoreRightsAndTheServerMajorAreReadFromTheServer() throws SQLException {
    String role = "restorer_" + Long.toHexString(System.nanoTime());
    String owned = role + "_db";
    String foreign = role + "_other";
    server.sql(
        "postgres",
        "CREATE ROLE " + role + " LOGIN CREATEDB PASSWORD 'restorer-pw'",
        "CREATE DATABASE " + owned + " OWNER " + role,
        "CREATE DATABASE " + foreign);
    try {
      JdbcPostgresAdmin admin =
          new JdbcPostgresAdmin(server.endpoint(role, "restorer-pw", SslMode.DISABLE));
      assertThat(admin.restoreRights(owned))
          .isEqualTo(new RestoreRights(role, owned, false, true, true));
      assertThat(admin.restoreRights(foreign))
          .isEqualTo(new RestoreRights(role, foreign, false, true, false));
      assertThat(admin.restoreRights(role + "_missing").refusal()).isEmpty();
      server.sql("postgres", "ALTER ROLE " + role + " NOCREATEDB");
      assertThat(admin.restoreRights(owned).refusal()).isPresent();
      assertThat(new JdbcPostgresAdmin(server.superuser()).restoreRights(foreign).superuser())
          .isTrue();
      assertThat(admin.serverMajor())
          .isEqualTo(Integer.parseInt(serverSetting("server_version_num")) / 10000)
          .isGreaterThan(9);
    } finally {
      server.sql(
          "postgres", "DROP DATABASE " + owned, "DROP DATABASE " + foreign, "DROP ROLE " + role);
    }
  }

  private static String serverSetting(String name) throws SQLException {
    try (Connection c = TestPostgres.connect(server.superuser(), "postgres");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
