package dev.provision.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.ProvisionException;
import dev.provision.model.Database.SslMode;
import dev.provision.model.Value;
import dev.provision.postgres.PostgresEndpoint;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class JdbcFailuresTest {
  private static final PostgresEndpoint DB =
      new PostgresEndpoint(
          "db.example.com", 5432, "convex", Value.secret("hunter2"), SslMode.REQUIRE, null);

  private static String explain(SQLException e) {
    ProvisionException p = JdbcFailures.explain(e, DB, "postgres", "connecting");
    assertThat(p.getCause()).isNull();
    return p.getMessage();
  }

  private static SQLException sql(String message, String state, Throwable cause) {
    return new SQLException(message, state, cause);
  }

  @Test
  void unreachable() {
    assertThat(
            explain(
                sql(
                    "Connection to db refused",
                    "08001",
                    new ConnectException("Connection refused"))))
        .startsWith(
            "error: cannot reach Postgres at db.example.com:5432: connection refused\n"
                + "  hint: check the host and port");
    assertThat(
            explain(
                sql(
                    "The connection attempt failed.",
                    "08001",
                    new SocketTimeoutException("Connect timed out"))))
        .startsWith(
            "error: cannot reach Postgres at db.example.com:5432: the connection timed out");
    assertThat(
            explain(
                sql(
                    "The connection attempt failed.",
                    "08001",
                    new UnknownHostException("db.example.com"))))
        .startsWith("error: cannot resolve the host name 'db.example.com'");
  }

  @Test
  void credentials() {
    assertThat(
            explain(
                sql("FATAL: password authentication failed for user \"convex\"", "28P01", null)))
        .startsWith(
            "error: Postgres at db.example.com:5432 rejected the password for role 'convex'");
    assertThat(explain(sql("FATAL: role \"convex\" does not exist", "28000", null)))
        .startsWith("error: role 'convex' does not exist on Postgres at db.example.com:5432");
  }

  @Test
  void tlsMismatchInBothDirections() {
    assertThat(explain(sql("The server does not support SSL.", "08004", null)))
        .isEqualTo(
            "error: Postgres at db.example.com:5432 does not offer TLS, but the spec says ssl:"
                + " require\n"
                + "  hint: turn TLS on in the server (ssl = on), or set ssl: disable when the"
                + " network between the backend and the server is private (traffic is then not"
                + " encrypted)");
    assertThat(
            explain(
                sql(
                    "FATAL: no pg_hba.conf entry for host \"10.0.0.9\", user \"convex\","
                        + " database \"postgres\", no encryption",
                    "28000",
                    null)))
        .startsWith(
            "error: Postgres at db.example.com:5432 accepts only TLS connections here, but the spec"
                + " says ssl: disable");
    assertThat(
            explain(
                sql(
                    "FATAL: no pg_hba.conf entry for host \"10.0.0.9\", user \"convex\","
                        + " database \"postgres\", SSL encryption",
                    "28000",
                    null)))
        .contains("does not accept connections from this machine for role 'convex'");
    assertThat(
            explain(
                sql("SSL error", "08006", new SSLHandshakeException("PKIX path building failed"))))
        .isEqualTo(
            "error: the TLS certificate of Postgres at db.example.com:5432 is not signed by a CA"
                + " the system trusts (the backend checks it the same way, and would fail at"
                + " start)\n"
                + "  hint: give the CA that signed the server's certificate as caFile (a PEM file"
                + " on the machine running provision; the backend gets it as PG_CA_FILE)");
    assertThat(
            explain(
                sql(
                    "The hostname db.example.com could not be verified by hostnameverifier"
                        + " PgjdbcHostnameVerifier.",
                    "08006",
                    null)))
        .isEqualTo(
            "error: the TLS certificate of Postgres at db.example.com:5432 does not name the host"
                + " 'db.example.com' (the backend checks the name too, and would fail at start)\n"
                + "  hint: connect by a name the certificate holds (write it as the host in the"
                + " database url), or have the certificate reissued for 'db.example.com'");
  }

  @Test
  void otherStates() {
    assertThat(explain(sql("FATAL: database \"postgres\" does not exist", "3D000", null)))
        .isEqualTo("error: database 'postgres' does not exist on Postgres at db.example.com:5432");
    assertThat(
            JdbcFailures.explain(
                    sql("ERROR: permission denied to create database", "42501", null),
                    DB,
                    "postgres",
                    "creating database 'my_app'")
                .getMessage())
        .startsWith(
            "error: role 'convex' is not allowed to do this on Postgres at db.example.com:5432"
                + " while creating database 'my_app': ERROR: permission denied to create database");
    assertThat(
            explain(
                sql("ERROR: database \"my_app\" is being accessed by other users", "55006", null)))
        .contains("is in use by other sessions");
  }

  @Test
  void neverShowsThePassword() {
    assertThat(explain(sql("weird failure mentioning hunter2", "XX000", null)))
        .isEqualTo(
            "error: Postgres at db.example.com:5432 failed while connecting: weird failure"
                + " mentioning (sensitive) (SQLSTATE XX000)\n"
                + "  hint: see the server's log for details");
  }
}
