package dev.provision.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** TEST STAND-IN: how POSTGRES_URL becomes a connection, as the backend reads it. */
class PostgresTargetTest {
  @Test
  void clusterUrlPlusInstanceDatabaseWithSslRequiredByDefault() throws Exception {
    PostgresTarget t =
        PostgresTarget.parse(
            "postgres://convex:p%40ss%3Aword@db.internal:6543", "convex_self_hosted", false);
    assertThat(t)
        .isEqualTo(
            new PostgresTarget(
                "db.internal",
                6543,
                "convex_self_hosted",
                "convex",
                "p@ss:word",
                "verify-full",
                null));
    assertThat(t.properties().getProperty("sslfactory"))
        .isEqualTo("org.postgresql.ssl.DefaultJavaSSLFactory");
    PostgresTarget withCa =
        PostgresTarget.parse("postgres://convex@db.internal", "d", false, "/certs/ca.pem");
    assertThat(withCa.properties().getProperty("sslrootcert")).isEqualTo("/certs/ca.pem");
    assertThat(withCa.properties().getProperty("sslfactory")).isNull();
    assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/convex_self_hosted");
    assertThat(t.toString()).doesNotContain("p@ss");
  }

  @Test
  void doNotRequireSslUsesTheUrlSslModeOrDisable() throws Exception {
    assertThat(PostgresTarget.parse("postgresql://u@h", "d", true).sslMode()).isEqualTo("disable");
    assertThat(PostgresTarget.parse("postgresql://u@h/?sslmode=prefer", "d", true).sslMode())
        .isEqualTo("prefer");
    assertThat(PostgresTarget.parse("postgresql://u@h?sslmode=disable", "d", false).sslMode())
        .isEqualTo("verify-full");
    assertThat(PostgresTarget.parse("postgresql://u@h", "d", true).properties().keySet())
        .doesNotContain("sslfactory", "sslrootcert");
    assertThat(PostgresTarget.parse("postgresql://u@h", "d", true).port()).isEqualTo(5432);
  }

  @Test
  void refusesAUrlThatNamesADatabase() {
    assertThatThrownBy(() -> PostgresTarget.parse("postgres://u:p@h:5432/mydb", "d", true))
        .isInstanceOf(StartupFailure.class)
        .hasMessage("cluster url already contains db name: mydb");
  }

  @Test
  void refusesUrlsWithoutUserOrHost() {
    assertThatThrownBy(() -> PostgresTarget.parse("postgres://h:5432", "d", true))
        .hasMessage("POSTGRES_URL has no user name");
    assertThatThrownBy(() -> PostgresTarget.parse("mysql://u@h", "d", true))
        .hasMessage("POSTGRES_URL must start with postgres:// or postgresql://");
  }
}
