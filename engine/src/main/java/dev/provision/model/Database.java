package dev.provision.model;

import java.util.List;

/** Where the backend keeps its data. */
public sealed interface Database
    permits Database.Sqlite, Database.ManagedPostgres, Database.ExternalPostgres {

  /** The Postgres image a managed database runs, and external backups use, unless the spec says. */
  String DEFAULT_POSTGRES_IMAGE = "postgres:17";

  /** The embedded default: /convex/data/db.sqlite3 in the data volume. */
  record Sqlite() implements Database {}

  /**
   * A Postgres container owned by the engine, on the deployment's network.
   *
   * @param password null means generate one and keep it in the secrets file
   */
  record ManagedPostgres(String image, String volume, String user, Value password)
      implements Database {}

  /**
   * A Postgres server the user runs.
   *
   * @param url {@code postgres://user@host:port} with no database path and no password; in an
   *     offline plan whose {@code url} reference is unset, the url as written
   * @param caFile a CA certificate for self-signed TLS (mounted and passed as PG_CA_FILE), or null
   * @param urlFrom empty, or the references of a url an offline plan left unresolved (then {@code
   *     url} is not a URL and must not be parsed)
   * @param toolsImage the image whose {@code pg_dump} and {@code pg_restore} back the database up
   *     and put it back, run on the deployment's network
   */
  record ExternalPostgres(
      String url,
      Value password,
      SslMode ssl,
      String caFile,
      List<Reference> urlFrom,
      String toolsImage)
      implements Database {
    /** The tools image when the spec names none (the managed Postgres default). */
    public static final String DEFAULT_TOOLS_IMAGE = DEFAULT_POSTGRES_IMAGE;

    public ExternalPostgres {
      urlFrom = List.copyOf(urlFrom);
      toolsImage = toolsImage == null ? DEFAULT_TOOLS_IMAGE : toolsImage;
    }

    public ExternalPostgres(String url, Value password, SslMode ssl, String caFile) {
      this(url, password, ssl, caFile, List.of(), DEFAULT_TOOLS_IMAGE);
    }

    /** True when the url is an offline plan's unset reference (see {@link Value#unresolved()}). */
    public boolean urlUnresolved() {
      return !urlFrom.isEmpty();
    }
  }

  /** TLS to Postgres. */
  enum SslMode {
    REQUIRE,
    DISABLE
  }
}
