package dev.provision.driver.postgres;

/**
 * The SQL the engine runs, as text, shared by the JDBC and the {@code psql} admin so both ask the
 * server exactly the same questions. Statements that take a database name quote it with {@link
 * DatabaseNames}; names are checked with {@link DatabaseNames#require} first.
 */
final class PostgresSql {
  /** One row: the server version and the role logged in. */
  static final String SERVER_INFO = "SELECT current_setting('server_version'), current_user";

  /** One row, true when the logged-in role may create databases. */
  static final String CAN_CREATE_DB =
      "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user";

  /**
   * One row, true when the role may create tables in the current schema (false when the search path
   * names no existing schema).
   */
  static final String CAN_CREATE_TABLES =
      "SELECT coalesce(has_schema_privilege(current_user, current_schema(), 'CREATE'), false)";

  /** One row: how many user relations the connected database holds (0 means empty). */
  static final String COUNT_USER_RELATIONS =
      "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.relkind IN ('r','p','v','m','S','f')"
          + " AND n.nspname NOT IN ('pg_catalog','information_schema')"
          + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

  /**
   * One row: whether the logged-in role is a superuser, may create databases, and owns the database
   * named by the JDBC parameter (true when it does not exist), and the role's name.
   */
  static final String RESTORE_RIGHTS =
      "SELECT r.rolsuper, r.rolcreatedb, coalesce((SELECT d.datdba = r.oid FROM pg_database d"
          + " WHERE d.datname = ?), true), current_user FROM pg_roles r"
          + " WHERE r.rolname = current_user";

  /** One row: the server's version as a number (170002 for 17.2). */
  static final String SERVER_VERSION_NUM = "SHOW server_version_num";

  private PostgresSql() {}

  /** A row {@code 1} when the database exists, no row otherwise. */
  static String databaseExists(String name) {
    return "SELECT 1 FROM pg_database WHERE datname="
        + DatabaseNames.quoteLiteral(DatabaseNames.require(name));
  }

  /** One row, the database's oid as text, when it exists; a JDBC parameter names it. */
  static final String DATABASE_OID = "SELECT oid::text FROM pg_database WHERE datname = ?";

  /** {@link #DATABASE_OID} with the name quoted in (for {@code psql}, which takes no parameter). */
  static String databaseOid(String name) {
    return "SELECT oid::text FROM pg_database WHERE datname="
        + DatabaseNames.quoteLiteral(DatabaseNames.require(name));
  }

  static String createDatabase(String name) {
    return "CREATE DATABASE " + DatabaseNames.quoteIdentifier(DatabaseNames.require(name));
  }

  /** Drops {@code name}, and is no error when it is gone (a restore interrupted after its drop). */
  static String dropDatabaseIfExists(String name) {
    return "DROP DATABASE IF EXISTS " + DatabaseNames.quoteIdentifier(DatabaseNames.require(name));
  }

  static String dropDatabase(String name) {
    return "DROP DATABASE " + DatabaseNames.quoteIdentifier(DatabaseNames.require(name));
  }
}
