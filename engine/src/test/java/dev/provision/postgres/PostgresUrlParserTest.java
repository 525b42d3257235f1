package dev.provision.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Database;
import dev.provision.model.Database.SslMode;
import dev.provision.model.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresUrlParserTest {
  private static final Value PASSWORD = Value.secret("hunter2");
  private final PostgresUrlParser parser = new PostgresUrlParser("database");

  private PostgresEndpoint parse(String url) {
    return parser.parse(new Database.ExternalPostgres(url, PASSWORD, SslMode.REQUIRE, null));
  }

  private List<Diagnostic> problems(String url) {
    Diagnostics out = new Diagnostics();
    assertThat(parser.parse(url, PASSWORD, SslMode.REQUIRE, null, out)).isNull();
    return out.all();
  }

  @Test
  void readsUserHostAndPort() {
    PostgresEndpoint e = parse("postgres://convex@db.example.com:6543");
    assertThat(e)
        .isEqualTo(
            new PostgresEndpoint(
                "db.example.com", 6543, "convex", PASSWORD, SslMode.REQUIRE, null));
  }

  @Test
  void defaultsThePortAndAcceptsThePostgresqlScheme() {
    PostgresEndpoint e = parse("PostgreSQL://convex@10.0.0.5");
    assertThat(e.host()).isEqualTo("10.0.0.5");
    assertThat(e.port()).isEqualTo(5432);
  }

  @Test
  void readsBracketedIpv6() {
    PostgresEndpoint e = parse("postgres://convex@[2001:db8::1]:6432");
    assertThat(e.host()).isEqualTo("2001:db8::1");
    assertThat(e.port()).isEqualTo(6432);
    assertThat(parse("postgres://convex@[::1]").port()).isEqualTo(5432);
  }

  @Test
  void decodesAPercentEncodedUser() {
    assertThat(parse("postgres://app%40corp@db").user()).isEqualTo("app@corp");
  }

  @Test
  void refusesADatabasePath() {
    Diagnostic d = problems("postgres://convex@db:5432/convex_self_hosted").get(0);
    assertThat(d.render())
        .isEqualTo(
            "error: the Postgres url must not contain a database path\n"
                + "  at: database.url\n"
                + "  expected: postgres://USER@HOST[:PORT]\n"
                + "  found: /convex_self_hosted\n"
                + "  hint: remove it; the backend names its database after the instance (my-app ->"
                + " my_app)");
    assertThat(problems("postgres://convex@db//x")).hasSize(1);
    assertThat(parse("postgres://convex@db:5433/").port()).isEqualTo(5433);
  }

  @Test
  void refusesAPasswordWithoutEchoingIt() {
    List<Diagnostic> all = problems("postgres://convex:s3cr/et?#x@db:5432");
    assertThat(all).hasSize(1);
    assertThat(all.get(0).render())
        .isEqualTo(
            "error: the Postgres url contains a password\n"
                + "  at: database.url\n"
                + "  expected: postgres://USER@HOST[:PORT]\n"
                + "  hint: remove it from the url and give it as database.password, read from a"
                + " secret");
    assertThatThrownBy(() -> parse("postgres://convex:s3cr/et@db"))
        .isInstanceOf(ProvisionException.class)
        .message()
        .doesNotContain("s3cr");
  }

  @Test
  void refusesQueryAndFragmentAndCollectsEverything() {
    List<Diagnostic> all = problems("postgres://convex@db:5432/app?sslmode=require#top");
    assertThat(all)
        .extracting(Diagnostic::message)
        .containsExactly(
            "the Postgres url must not contain a fragment",
            "the Postgres url must not contain query parameters",
            "the Postgres url must not contain a database path");
    assertThat(all.get(1).found()).isEqualTo("?sslmode=require");
  }

  @Test
  void refusesAMissingUser() {
    assertThat(problems("postgres://db.example.com:5432"))
        .extracting(Diagnostic::message)
        .containsExactly("the Postgres url has no user name");
    assertThat(problems("postgres://@db"))
        .extracting(Diagnostic::message)
        .containsExactly("the Postgres url has no user name");
  }

  @Test
  void refusesOtherSchemes() {
    Diagnostic d = problems("mysql://convex@db").get(0);
    assertThat(d.message())
        .isEqualTo("the Postgres url must start with postgres:// or postgresql://");
    assertThat(d.found()).isEqualTo("scheme 'mysql'");
    assertThat(problems("convex@db").get(0).found()).isEqualTo("no scheme");
    assertThat(problems("  ").get(0).message()).isEqualTo("the Postgres url is empty");
  }

  @Test
  void refusesBadPortsAndHosts() {
    assertThat(problems("postgres://convex@db:99999").get(0).found()).isEqualTo("99999");
    assertThat(problems("postgres://convex@db:").get(0).found()).isEqualTo("an empty port");
    assertThat(problems("postgres://convex@db:0")).hasSize(1);
    assertThat(problems("postgres://convex@:5432").get(0).message())
        .isEqualTo("the Postgres url has no host");
    assertThat(problems("postgres://convex@db_$x").get(0).message()).isEqualTo("not a host name");
    assertThat(problems("postgres://convex@2001:db8::1").get(0).message())
        .isEqualTo("an IPv6 address in a url must be written in brackets");
    assertThat(problems("postgres://convex@[2001:db8::1").get(0).message())
        .isEqualTo("the IPv6 address in the Postgres url has no closing ']'");
    assertThat(problems("postgres://convex@[db]").get(0).message())
        .isEqualTo("not an IPv6 address");
  }

  @Test
  void refusesACaFileWithoutTls() {
    Diagnostics out = new Diagnostics();
    assertThat(parser.parse("postgres://convex@db", PASSWORD, SslMode.DISABLE, "/ca.pem", out))
        .isNull();
    assertThat(out.all()).extracting(Diagnostic::path).containsExactly("database.caFile");
  }

  @Test
  void acceptsNoPassword() {
    Diagnostics out = new Diagnostics();
    PostgresEndpoint e = parser.parse("postgres://convex@db", null, SslMode.DISABLE, null, out);
    assertThat(out.all()).isEmpty();
    assertThat(e.password()).isNull();
  }
}
