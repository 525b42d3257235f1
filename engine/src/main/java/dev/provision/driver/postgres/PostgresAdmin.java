package dev.provision.driver.postgres;

import java.util.Optional;

/**
 * The engine's narrow admin interface to one Postgres server: just enough to make sure the
 * backend's database exists and is usable, and to undo its creation. Implemented over JDBC for an
 * external server ({@link JdbcPostgresAdmin}) and over {@code docker exec} for the managed
 * container ({@link ManagedPostgresAdmin}); both pass the same contract test.
 *
 * <p>Database names are {@code [a-z0-9_]} (see {@link DatabaseNames}); any other name is a bug and
 * fails with {@link IllegalArgumentException}. Every other failure is a {@code ProvisionException}
 * that says what went wrong and what to do, and never contains the password. Nothing here drops a
 * database that holds data, except {@link #dropCreatedDatabase} (an apply's undo of its own
 * create).
 */
public interface PostgresAdmin {

  /**
   * Connects to the maintenance database ({@code postgres}, else {@code template1}) and logs in.
   * Distinguishes an unreachable server, a wrong password, an unknown role and a TLS mismatch.
   */
  ServerInfo check();

  boolean databaseExists(String name);

  /**
   * The database's identity, its {@code oid} in {@code pg_database}, or empty when it does not
   * exist. A database dropped and created again under the same name gets a new oid, so a saved plan
   * records it to tell that its database was replaced between plan and apply.
   */
  Optional<String> databaseIdentity(String name);

  /** {@code CREATE DATABASE "name"}; the engine's role becomes its owner. */
  void createDatabase(String name);

  /**
   * True when the database holds no table, view, sequence or other relation in any schema but the
   * server's own ({@code pg_catalog}, {@code information_schema}, {@code pg_toast}, temp schemas).
   */
  boolean isEmpty(String name);

  /**
   * The undo of {@link #createDatabase}: drops the database only when {@link #isEmpty} holds, and
   * does nothing when it does not exist. A database that holds data is refused with a message
   * saying so; the engine never deletes a backend's data. Postgres itself refuses to drop a
   * database with open sessions, so a running backend makes this fail (stop it first); that also
   * closes the gap between the emptiness check and the drop.
   */
  void dropDatabaseIfEmpty(String name);

  /**
   * The undo of {@link #createDatabase} by the apply that created the database moments ago: drops
   * it whatever it holds (only the backend started by that same apply can have written to it), and
   * does nothing when it does not exist. Never use it for a database that existed before the apply.
   * Postgres refuses while sessions are open, so a backend still connected makes this fail.
   */
  void dropCreatedDatabase(String name);

  /** True when the role may create tables in the database's current schema (the backend does). */
  boolean canCreateTables(String name);

  /** True when the role may create databases ({@code CREATEDB} or superuser). */
  boolean hasCreateDbPrivilege();
}
