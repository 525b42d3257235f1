package dev.provision.driver.postgres;

import dev.provision.diag.ProvisionException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The name of a deployment's database and how to write names into SQL.
 *
 * <p>The backend uses the instance name with {@code -} replaced by {@code _} as its database name
 * and does not create it. The engine accepts only {@code [a-z0-9_]}, at most 63 bytes (Postgres
 * truncates longer names), and never a server's own databases.
 */
public final class DatabaseNames {
  private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,63}");
  private static final Set<String> RESERVED = Set.of("postgres", "template0", "template1");

  private DatabaseNames() {}

  /**
   * The database a backend named {@code instanceName} uses, e.g. {@code my-app -> my_app}.
   *
   * @throws ProvisionException when the result is not a usable database name
   */
  public static String forInstance(String instanceName) {
    String name = instanceName.replace('-', '_');
    if (!NAME.matcher(name).matches()) {
      throw ProvisionException.of(
          "instance name '"
              + instanceName
              + "' does not give a valid database name ('"
              + name
              + "')",
          "use 1 to 63 characters from a-z, 0-9 and '-' for the instance name");
    }
    if (RESERVED.contains(name)) {
      throw ProvisionException.of(
          "instance name '" + instanceName + "' would use the server's own database '" + name + "'",
          "choose another instance name; '" + name + "' belongs to the Postgres server");
    }
    return name;
  }

  /**
   * Checks a name the engine is about to put into SQL.
   *
   * @throws IllegalArgumentException when it is not {@code [a-z0-9_]{1,63}} (a bug: names come from
   *     {@link #forInstance} or are the server's own)
   */
  public static String require(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a database name the engine uses: " + name);
    }
    return name;
  }

  /** A quoted SQL identifier: {@code my_app -> "my_app"}, inner quotes doubled. */
  public static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A quoted SQL string literal: {@code it's -> 'it''s'} (standard-conforming strings). */
  public static String quoteLiteral(String text) {
    return '\'' + text.replace("'", "''") + '\'';
  }
}
