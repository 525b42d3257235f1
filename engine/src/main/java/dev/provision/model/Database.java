package dev.provision.model;

/** Where the backend keeps its data. */
public sealed interface Database
    permits Database.Sqlite, Database.ManagedPostgres, Database.ExternalPostgres {

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
   * @param url {@code postgres://user@host:port} with no database path and no password
   * @param caFile a CA certificate for self-signed TLS (mounted and passed as PG_CA_FILE), or null
   */
  record ExternalPostgres(String url, Value password, SslMode ssl, String caFile)
      implements Database {}

  /** TLS to Postgres. */
  enum SslMode {
    REQUIRE,
    DISABLE
  }
}
