package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.model.Database;
import dev.provision.model.Value;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@code database:}: SQLite (default), a managed Postgres container, or an external Postgres
 * server whose URL must carry a user and no password, database path or query (the backend appends
 * the database name itself and manages {@code sslmode}).
 */
public final class DatabaseSection {
  /** The managed Postgres image when the spec names none. */
  public static final String DEFAULT_POSTGRES_IMAGE = Database.DEFAULT_POSTGRES_IMAGE;

  private DatabaseSection() {}

  static Database read(Fields root, String deployment, Path specFile) {
    Fields postgres = root.child("database").child("postgres");
    if (postgres.entries().containsKey("managed")) {
      Fields m = postgres.child("managed");
      ValueRules.notBlank(
          m, "password", "a password", "give one, or remove the key to have one generated");
      LiteralSecrets.check(m, "password");
      String image =
          BackendSection.orDefault(
              m.string("image", DEFAULT_POSTGRES_IMAGE), DEFAULT_POSTGRES_IMAGE);
      if (m.has("image")) {
        ImageRules.check(m, "image", image, ImageRules.Role.POSTGRES);
      }
      String user = BackendSection.orDefault(m.string("user", "convex"), "convex");
      if (m.has("user")) {
        ValueRules.postgresUser(m, "user", user);
      }
      return new Database.ManagedPostgres(
          image,
          NameRules.volume(m, "volume", deployment + "-pgdata"),
          user,
          m.value("password", true));
    }
    if (!postgres.has("external")) {
      return new Database.Sqlite();
    }
    Fields e = postgres.child("external");
    Value offlineUrl = e.scalar("url") != null ? Fields.valueOf(e.scalar("url"), true) : null;
    String url = e.string("url", "");
    if (url != null && e.has("url") && e.scalar("url") != null) {
      checkUrl(e, url);
    }
    ValueRules.notBlank(
        e, "password", "the user's password", "write it as a reference, such as ${env:PGPASSWORD}");
    LiteralSecrets.check(e, "password");
    String caFile = null;
    String ca = e.string("caFile", null);
    if (ca != null) {
      Path file = SpecPaths.resolve(e, "caFile", ca, specFile);
      caFile = file == null ? null : file.toString();
      if (file != null && !Files.exists(file)) {
        e.add(
            e.error("caFile", "`caFile` does not exist")
                .withExpected("a CA certificate file, relative to the spec file")
                .withFound(file.toString()));
      } else if (file != null) {
        CertificateChecks.check(e, "caFile", file, "CA file");
      }
    }
    Database.SslMode ssl =
        "disable".equals(e.string("ssl", "require"))
            ? Database.SslMode.DISABLE
            : Database.SslMode.REQUIRE;
    String tools = toolsImage(e);
    if (offlineUrl != null && offlineUrl.unresolved()) {
      return new Database.ExternalPostgres(
          offlineUrl.text(), e.value("password", true), ssl, caFile, offlineUrl.from(), tools);
    }
    return new Database.ExternalPostgres(
        url == null ? "" : url, e.value("password", true), ssl, caFile, List.of(), tools);
  }

  /** {@code toolsImage}: the image whose pg_dump backs the server up; a moving tag warns. */
  private static String toolsImage(Fields e) {
    String image =
        BackendSection.orDefault(
            e.string("toolsImage", DEFAULT_POSTGRES_IMAGE), DEFAULT_POSTGRES_IMAGE);
    if (!e.has("toolsImage")
        || !ImageRules.check(e, "toolsImage", image, ImageRules.Role.POSTGRES)) {
      return image;
    }
    ImageRef ref = ImageRef.parse(image);
    if (ref.digest() == null && (ref.tag() == null || ref.tag().equals("latest"))) {
      e.add(
          Diagnostic.warning(
                  e.at("toolsImage"),
                  e.path("toolsImage"),
                  "`" + e.path("toolsImage") + "` uses the moving tag :latest")
              .withHint(
                  "pin a version (postgres:17) so that backups use a known pg_dump; its major"
                      + " must be at least the server's"));
    }
    return image;
  }

  private static void checkUrl(Fields e, String url) {
    boolean secret = e.scalar("url").sensitive();
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException ex) {
      e.add(
          problem(e, "is not a valid URL", secret, url)
              .withHint("percent-encode special characters in the user name"));
      return;
    }
    String scheme = uri.getScheme();
    if (!"postgres".equals(scheme) && !"postgresql".equals(scheme)) {
      e.add(
          problem(e, "has an unsupported scheme", secret, url)
              .withExpected("postgres://USER@HOST:PORT or postgresql://USER@HOST:PORT"));
    }
    String user = uri.getRawUserInfo();
    if (user != null && user.contains(":")) {
      e.add(
          problem(e, "contains a password", true, url)
              .withExpected("postgres://USER@HOST:PORT with no password")
              .withHint("remove it from the URL and set `password: ${env:PGPASSWORD}`"));
      secret = true;
    } else if (user == null || user.isEmpty()) {
      e.add(
          problem(e, "has no user", secret, url)
              .withExpected("postgres://USER@HOST:PORT")
              .withHint("the backend needs a user name in the URL"));
    }
    Refusal port =
        uri.getHost() == null
            ? HostRules.authorityPort(uri.getRawAuthority())
            : HostRules.port(uri.getPort());
    if (port != null) {
      e.add(
          problem(e, port.words(), secret, url)
              .withExpected("postgres://USER@HOST:PORT with " + port.expected())
              .withHint(port.hint()));
    } else if (uri.getHost() == null) {
      e.add(problem(e, "has no host", secret, url).withExpected("postgres://USER@HOST:PORT"));
    }
    String path = uri.getRawPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      e.add(
          problem(e, "contains a database path", secret, url)
              .withExpected("postgres://USER@HOST:PORT with no /DATABASE")
              .withHint(
                  "remove the path: the backend refuses it (\"cluster url already contains db"
                      + " name\") and uses the database named after the deployment"));
    }
    if (uri.getRawQuery() != null) {
      e.add(
          problem(e, "has a query", secret, url)
              .withExpected("postgres://USER@HOST:PORT with no `?...`")
              .withHint("remove the query: TLS (sslmode) is set by `ssl: require|disable`"));
    }
  }

  private static Diagnostic problem(Fields e, String what, boolean secret, String url) {
    return e.error("url", "`" + e.path("url") + "` " + what).withFound(secret ? null : url);
  }
}
