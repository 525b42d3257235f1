package dev.provision.driver.postgres;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.ExecResult;
import dev.provision.postgres.PostgresUrls;
import java.util.List;

/**
 * The commands the engine runs inside its own Postgres container (with {@code docker exec}; the
 * container publishes no port), as argument lists, and the parsers of their output. Pure.
 *
 * <p>{@code psql} connects over the container's Unix socket as the container's superuser, which the
 * official image's local rules trust, so no password is ever passed on a command line. Output is
 * unaligned tuples-only ({@code -tA}): one row per line, columns separated by {@code |}.
 */
public final class ManagedPostgresCommands {
  /** The maintenance database every server has. */
  public static final String MAINTENANCE_DB = "postgres";

  private ManagedPostgresCommands() {}

  /** {@code pg_isready -h 127.0.0.1 -p 5432 -U user}: exit 0 when connections are accepted. */
  public static List<String> isReady(String user) {
    return List.of(
        "pg_isready",
        "-h",
        "127.0.0.1",
        "-p",
        String.valueOf(PostgresUrls.MANAGED_PORT),
        "-U",
        user);
  }

  /** {@code psql -v ON_ERROR_STOP=1 -U user -d database -tAc sql}. */
  public static List<String> psql(String user, String database, String sql) {
    return List.of(
        "psql",
        "-v",
        "ON_ERROR_STOP=1",
        "-U",
        user,
        "-d",
        DatabaseNames.require(database),
        "-tAc",
        sql);
  }

  /** One line {@code version|user}. */
  public static List<String> serverInfo(String user) {
    return psql(user, MAINTENANCE_DB, PostgresSql.SERVER_INFO);
  }

  /** Prints {@code 1} when the database exists, nothing otherwise. */
  public static List<String> databaseExists(String user, String name) {
    return psql(user, MAINTENANCE_DB, PostgresSql.databaseExists(name));
  }

  /** Prints the database's oid when it exists, nothing otherwise. */
  public static List<String> databaseOid(String user, String name) {
    return psql(user, MAINTENANCE_DB, PostgresSql.databaseOid(name));
  }

  public static List<String> createDatabase(String user, String name) {
    return psql(user, MAINTENANCE_DB, PostgresSql.createDatabase(name));
  }

  /** Prints the number of user relations in the database; 0 means empty. */
  public static List<String> countRelations(String user, String name) {
    return psql(user, name, PostgresSql.COUNT_USER_RELATIONS);
  }

  /** Drops unconditionally: run only after {@link #countRelations} printed 0. */
  public static List<String> dropDatabase(String user, String name) {
    return psql(user, MAINTENANCE_DB, PostgresSql.dropDatabase(name));
  }

  /** As {@link #dropDatabase}, no error when the database is gone already. */
  public static List<String> dropDatabaseIfExists(String user, String name) {
    return psql(user, MAINTENANCE_DB, PostgresSql.dropDatabaseIfExists(name));
  }

  /** Prints {@code t} or {@code f}. */
  public static List<String> canCreateTables(String user, String name) {
    return psql(user, name, PostgresSql.CAN_CREATE_TABLES);
  }

  /** Prints {@code t} or {@code f}. */
  public static List<String> canCreateDb(String user) {
    return psql(user, MAINTENANCE_DB, PostgresSql.CAN_CREATE_DB);
  }

  /** The exec environment variable that carries the SQL of {@link #setPassword}. */
  public static final String SQL_ENV = "PROVISION_SQL";

  /**
   * Sets a role's password: {@code sh} pipes the SQL from the exec's environment ({@link
   * #setPasswordEnv}) into {@code psql} with the shell's builtin {@code printf}, so the password is
   * on no command line. The role name is the only argument.
   */
  public static List<String> setPassword(String user) {
    return List.of(
        "sh",
        "-c",
        "printf '%s\\n' \"$"
            + SQL_ENV
            + "\" | psql -v ON_ERROR_STOP=1 -q -U \"$1\" -d "
            + MAINTENANCE_DB,
        "sh",
        user);
  }

  /** The environment for {@link #setPassword}: {@code ALTER ROLE "user" PASSWORD '...'}. */
  public static java.util.Map<String, String> setPasswordEnv(String user, String password) {
    return java.util.Map.of(
        SQL_ENV,
        "ALTER ROLE "
            + DatabaseNames.quoteIdentifier(user)
            + " PASSWORD "
            + DatabaseNames.quoteLiteral(password));
  }

  /** What {@code pg_isready}'s exit code means. */
  public enum IsReady {
    ACCEPTING,
    REJECTING,
    NO_RESPONSE,
    NOT_ATTEMPTED;

    /** Exit codes 0 to 3 as documented by pg_isready; anything else (no such command) is 3. */
    public static IsReady of(ExecResult result) {
      switch (result.exitCode()) {
        case 0:
          return ACCEPTING;
        case 1:
          return REJECTING;
        case 2:
          return NO_RESPONSE;
        default:
          return NOT_ATTEMPTED;
      }
    }
  }

  /** The {@code version|user} line. */
  public static String[] parseServerInfo(ExecResult result, String container) {
    String line = output(result, container, "reading the server version");
    int bar = line.lastIndexOf('|');
    if (bar < 0) {
      throw unexpected(container, "the server version", line);
    }
    return new String[] {line.substring(0, bar), line.substring(bar + 1)};
  }

  /** True for {@code 1}, false for no output. */
  public static boolean parseExists(ExecResult result, String container) {
    String out = output(result, container, "looking up a database");
    if (out.isEmpty() || out.equals("1")) {
      return out.equals("1");
    }
    throw unexpected(container, "1 or nothing", out);
  }

  /** An oid (digits) when the database exists, empty for no output. */
  public static java.util.Optional<String> parseOid(ExecResult result, String container) {
    String out = output(result, container, "looking up a database's identity");
    if (out.isEmpty()) {
      return java.util.Optional.empty();
    }
    if (!out.matches("[0-9]{1,10}")) {
      throw unexpected(container, "an oid or nothing", out);
    }
    return java.util.Optional.of(out);
  }

  /** True for {@code t}, false for {@code f}. */
  public static boolean parseBoolean(ExecResult result, String container) {
    String out = output(result, container, "checking privileges");
    if (out.equals("t") || out.equals("f")) {
      return out.equals("t");
    }
    throw unexpected(container, "t or f", out);
  }

  /** A non-negative count. */
  public static long parseCount(ExecResult result, String container) {
    String out = output(result, container, "counting tables");
    if (!out.matches("[0-9]{1,18}")) {
      throw unexpected(container, "a number", out);
    }
    return Long.parseLong(out);
  }

  /** Fails with psql's own error line unless the command succeeded. */
  public static void requireOk(ExecResult result, String container, String doing) {
    output(result, container, doing);
  }

  private static String output(ExecResult result, String container, String doing) {
    if (!result.ok()) {
      String err = lastLine(result.stderr().isBlank() ? result.stdout() : result.stderr());
      throw ProvisionException.of(
          "psql in the Postgres container '"
              + container
              + "' failed while "
              + doing
              + " (exit "
              + result.exitCode()
              + "): "
              + err,
          "check the container's log (docker logs " + container + ")");
    }
    return result.stdout().strip();
  }

  private static ProvisionException unexpected(String container, String expected, String found) {
    return ProvisionException.of(
        "unexpected psql output in the Postgres container '"
            + container
            + "': expected "
            + expected
            + ", found '"
            + lastLine(found)
            + "'",
        null);
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines.length == 0 ? "" : lines[lines.length - 1].strip();
  }
}
