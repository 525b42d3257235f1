package dev.provision.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.model.Database.SslMode;
import dev.provision.model.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresUrlsTest {
  private static final String NASTY = "p@ss:w/rd?#%x y";

  private static PostgresEndpoint endpoint(String host, SslMode ssl, String caFile) {
    return new PostgresEndpoint(host, 5432, "convex", Value.secret(NASTY), ssl, caFile);
  }

  @Test
  void backendUrlWithoutTlsHasNoDatabasePathAndDisablesSsl() {
    Value url = PostgresUrls.backendUrl(endpoint("db.example.com", SslMode.DISABLE, null));
    assertThat(url.text())
        .isEqualTo(
            "postgres://convex:p%40ss%3Aw%2Frd%3F%23%25x%20y@db.example.com:5432?sslmode=disable");
    assertThat(url.sensitive()).isTrue();
    assertThat(url.toString()).isEqualTo(Value.MASK);
  }

  @Test
  void backendUrlWithTlsLeavesSslModeToTheBackend() {
    assertThat(PostgresUrls.backendUrl(endpoint("db.example.com", SslMode.REQUIRE, null)).text())
        .isEqualTo("postgres://convex:p%40ss%3Aw%2Frd%3F%23%25x%20y@db.example.com:5432");
  }

  @Test
  void backendUrlBracketsIpv6AndEncodesTheUser() {
    PostgresEndpoint e =
        new PostgresEndpoint("2001:db8::1", 6432, "app user", null, SslMode.REQUIRE, null);
    Value url = PostgresUrls.backendUrl(e);
    assertThat(url.text()).isEqualTo("postgres://app%20user@[2001:db8::1]:6432");
    assertThat(url.sensitive()).isFalse();
  }

  @Test
  void backendEnvWithoutTls() {
    Map<String, Value> env =
        PostgresUrls.backendEnv(
            endpoint("db", SslMode.DISABLE, null), PostgresUrls.CA_CONTAINER_PATH);
    assertThat(env).containsOnlyKeys("POSTGRES_URL", "DO_NOT_REQUIRE_SSL");
    assertThat(env.get("DO_NOT_REQUIRE_SSL")).isEqualTo(Value.plain("1"));
  }

  @Test
  void backendEnvWithTlsNeverWritesTheFlag() {
    Map<String, Value> env =
        PostgresUrls.backendEnv(
            endpoint("db", SslMode.REQUIRE, null), PostgresUrls.CA_CONTAINER_PATH);
    assertThat(env).containsOnlyKeys("POSTGRES_URL");
  }

  @Test
  void backendEnvWithCaFilePointsAtTheMountedCopy() {
    Map<String, Value> env =
        PostgresUrls.backendEnv(
            endpoint("db", SslMode.REQUIRE, "/home/me/ca.pem"), PostgresUrls.CA_CONTAINER_PATH);
    assertThat(env).containsOnlyKeys("POSTGRES_URL", "PG_CA_FILE");
    assertThat(env.get("PG_CA_FILE")).isEqualTo(Value.plain("/convex/certs/postgres-ca.pem"));
  }

  @Test
  void jdbcUrls() {
    assertThat(PostgresUrls.jdbcUrl(endpoint("db.example.com", SslMode.DISABLE, null), "postgres"))
        .isEqualTo("jdbc:postgresql://db.example.com:5432/postgres?sslmode=disable");
    assertThat(PostgresUrls.jdbcUrl(endpoint("db.example.com", SslMode.REQUIRE, null), "my_app"))
        .isEqualTo(
            "jdbc:postgresql://db.example.com:5432/my_app?sslmode=verify-full"
                + "&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory");
    assertThat(
            PostgresUrls.jdbcUrl(
                endpoint("db.example.com", SslMode.REQUIRE, "/etc/my ca.pem"), "my_app"))
        .isEqualTo(
            "jdbc:postgresql://db.example.com:5432/my_app?sslmode=verify-full&sslrootcert=/etc/my%20ca.pem");
    assertThat(PostgresUrls.jdbcUrl(endpoint("::1", SslMode.DISABLE, null), "my_app"))
        .isEqualTo("jdbc:postgresql://[::1]:5432/my_app?sslmode=disable");
  }

  @Test
  void jdbcUrlNeverCarriesCredentials() {
    String url = PostgresUrls.jdbcUrl(endpoint("db", SslMode.REQUIRE, null), "my_app");
    assertThat(url).doesNotContain("convex").doesNotContain("p@ss").doesNotContain("p%40ss");
  }

  @Test
  void managedEndpointUsesTheNetworkAliasWithoutTls() {
    PostgresEndpoint e = PostgresUrls.managed("postgres", "convex", Value.secret("s3cret/+"));
    assertThat(PostgresUrls.backendUrl(e).text())
        .isEqualTo("postgres://convex:s3cret%2F%2B@postgres:5432?sslmode=disable");
    assertThat(PostgresUrls.backendEnv(e, PostgresUrls.CA_CONTAINER_PATH))
        .containsOnlyKeys("POSTGRES_URL", "DO_NOT_REQUIRE_SSL");
  }

  @Test
  void endpointNeverShowsThePassword() {
    PostgresEndpoint e = endpoint("db", SslMode.REQUIRE, null);
    assertThat(e.toString()).isEqualTo("PostgresEndpoint[convex@db:5432, ssl=REQUIRE]");
    assertThat(e.describe()).isEqualTo("convex@db:5432");
    PostgresEndpoint plainPassword =
        new PostgresEndpoint("db", 5432, "u", Value.plain("pw"), SslMode.DISABLE, null);
    assertThat(plainPassword.password().sensitive()).isTrue();
    assertThat(endpoint("fe80::1", SslMode.REQUIRE, null).describe())
        .isEqualTo("convex@[fe80::1]:5432");
  }
}
