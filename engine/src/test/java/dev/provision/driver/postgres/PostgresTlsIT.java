package dev.provision.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.model.Database.SslMode;
import dev.provision.postgres.PostgresEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An external server with TLS from a private CA: require, verify-full with caFile, mismatches. */
class PostgresTlsIT {
  private static final String TLS_DIR = "/var/lib/postgresql/tls";
  private static TestPostgres server;
  @TempDir static Path dir;
  private static Path caFile;
  private static Path otherCaFile;

  @BeforeAll
  static void start() throws IOException, SQLException, InterruptedException {
    TestCertificates certs = TestCertificates.create();
    caFile = Files.writeString(dir.resolve("ca.pem"), certs.caPem);
    otherCaFile = Files.writeString(dir.resolve("other-ca.pem"), TestCertificates.create().caPem);
    server = TestPostgres.start();
    server.run("mkdir", "-p", TLS_DIR);
    server.copy(certs.serverCertPem, TLS_DIR + "/server.crt");
    server.copy(certs.serverKeyPem, TLS_DIR + "/server.key");
    server.run("chown", "-R", "postgres:postgres", TLS_DIR);
    server.sql(
        "postgres",
        "ALTER SYSTEM SET ssl_cert_file = '" + TLS_DIR + "/server.crt'",
        "ALTER SYSTEM SET ssl_key_file = '" + TLS_DIR + "/server.key'",
        "ALTER SYSTEM SET ssl = on",
        "SELECT pg_reload_conf()");
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!"on".equals(setting("ssl"))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the server did not turn TLS on");
      }
      Thread.sleep(100);
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static PostgresEndpoint login(SslMode ssl, Path ca) {
    PostgresEndpoint e = server.endpoint(TestPostgres.SUPERUSER, TestPostgres.SUPER_PASSWORD, ssl);
    return new PostgresEndpoint(
        e.host(), e.port(), e.user(), e.password(), ssl, ca == null ? null : ca.toString());
  }

  @Test
  void aPrivateCaWithoutCaFileIsRefusedLikeTheBackendRefusesIt() {
    PostgresPreflight preflight =
        new PostgresPreflight(
            new JdbcPostgresAdmin(login(SslMode.REQUIRE, null)),
            TestPostgres.SUPERUSER,
            "database");
    PreflightFindings findings = preflight.run("app");
    assertThat(findings.problems()).hasSize(1);
    assertThat(findings.problems().get(0).message())
        .isEqualTo(
            "the TLS certificate of Postgres at 127.0.0.1:"
                + server.port()
                + " is not signed by a CA the system trusts (the backend checks it the same way,"
                + " and would fail at start)");
    assertThat(findings.problems().get(0).hint()).startsWith("give the CA that signed");
  }

  @Test
  void caFileVerifiesTheServerAndItsName() {
    assertThat(new JdbcPostgresAdmin(login(SslMode.REQUIRE, caFile)).check().user())
        .isEqualTo("boss");
  }

  @Test
  void aNameTheCertificateDoesNotHoldIsRefusedBeforeAnythingChanges() {
    PostgresEndpoint byIp = login(SslMode.REQUIRE, caFile);
    PostgresEndpoint other =
        new PostgresEndpoint(
            server.bridgeIp(), 5432, byIp.user(), byIp.password(), SslMode.REQUIRE, byIp.caFile());
    PreflightFindings findings =
        new PostgresPreflight(new JdbcPostgresAdmin(other), TestPostgres.SUPERUSER, "database")
            .run("app");
    assertThat(findings.problems()).hasSize(1);
    assertThat(findings.problems().get(0).message())
        .isEqualTo(
            "the TLS certificate of Postgres at "
                + server.bridgeIp()
                + ":5432 does not name the host '"
                + server.bridgeIp()
                + "' (the backend checks the name too, and would fail at start)");
    assertThat(findings.problems().get(0).hint())
        .startsWith("connect by a name the certificate holds");
  }

  @Test
  void aCertificateFromAnotherCaIsRefused() {
    assertThatThrownBy(() -> new JdbcPostgresAdmin(login(SslMode.REQUIRE, otherCaFile)).check())
        .isInstanceOf(ProvisionException.class)
        .hasMessageStartingWith(
            "error: the TLS certificate of Postgres at 127.0.0.1:"
                + server.port()
                + " is not signed by the CA in caFile '"
                + otherCaFile
                + "'");
  }

  @Test
  void aMissingCaFileIsNamed() {
    Path missing = dir.resolve("nope.pem");
    assertThatThrownBy(() -> new JdbcPostgresAdmin(login(SslMode.REQUIRE, missing)).check())
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("CA file (caFile) `" + missing + "` does not exist");
  }

  @Test
  void aServerThatAcceptsOnlyTlsRefusesSslDisableClearly() throws InterruptedException {
    String hbaPath = setting("hba_file");
    String hba = server.run("cat", hbaPath);
    JdbcPostgresAdmin plain = new JdbcPostgresAdmin(login(SslMode.DISABLE, null));
    try {
      writeHba(hbaPath, "local all all trust\nhostssl all all all scram-sha-256\n");
      ProvisionException refused = null;
      for (int i = 0; i < 50 && refused == null; i++) {
        try {
          plain.check();
          Thread.sleep(100);
        } catch (ProvisionException e) {
          refused = e;
        }
      }

      assertThat(refused).isNotNull();
      assertThat(refused.getMessage())
          .startsWith(
              "error: Postgres at 127.0.0.1:"
                  + server.port()
                  + " accepts only TLS connections here, but the spec says ssl: disable")
          .contains("set ssl: require");
    } finally {
      writeHba(hbaPath, hba);
    }
  }

  /** Replaces pg_hba.conf and reloads over the local socket, which the new rules keep trusted. */
  private static void writeHba(String path, String text) {
    server.copy(text, path);
    server.run("chown", "postgres:postgres", path);
    server.run(
        "psql", "-U", TestPostgres.SUPERUSER, "-d", "postgres", "-tAc", "SELECT pg_reload_conf()");
  }

  private static String setting(String name) {
    try (Connection c = TestPostgres.connect(server.superuser(), "postgres");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
