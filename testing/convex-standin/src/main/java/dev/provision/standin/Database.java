package dev.provision.standin;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * TEST STAND-IN ONLY. Opens the database the Convex backend would use: {@code POSTGRES_URL} (or the
 * deprecated {@code DATABASE_URL}) names a Postgres cluster that must be reachable and must already
 * hold the instance's database; otherwise SQLite at {@code <data>/db.sqlite3}. MySQL is not
 * modelled.
 */
final class Database {
  private Database() {}

  /** An open connection and a printable description of it (no password). */
  record Opened(Connection connection, String description) {}

  static Opened open(Map<String, String> env, Credentials credentials, Path dataDir)
      throws StartupFailure {
    String postgresUrl = firstNonEmpty(env.get("POSTGRES_URL"), env.get("DATABASE_URL"));
    if (postgresUrl != null) {
      boolean noSsl = !env.getOrDefault("DO_NOT_REQUIRE_SSL", "").isEmpty();
      PostgresTarget target =
          PostgresTarget.parse(
              postgresUrl, credentials.databaseName(), noSsl, env.get("PG_CA_FILE"));
      try {
        return new Opened(
            DriverManager.getConnection(target.jdbcUrl(), target.properties()), target.toString());
      } catch (SQLException e) {
        throw new StartupFailure("failed to connect to " + target + ": " + e.getMessage());
      }
    }
    if (!env.getOrDefault("MYSQL_URL", "").isEmpty()) {
      throw new StartupFailure("MYSQL_URL is not modelled by this test stand-in");
    }
    Path file = dataDir.resolve("db.sqlite3");
    try {
      return new Opened(DriverManager.getConnection("jdbc:sqlite:" + file), "sqlite " + file);
    } catch (SQLException e) {
      throw new StartupFailure("failed to open " + file + ": " + e.getMessage());
    }
  }

  private static String firstNonEmpty(String a, String b) {
    if (a != null && !a.isEmpty()) {
      return a;
    }
    return b != null && !b.isEmpty() ? b : null;
  }
}
