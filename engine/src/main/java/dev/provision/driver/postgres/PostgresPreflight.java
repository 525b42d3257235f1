package dev.provision.driver.postgres;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan-time check of an external Postgres: is it reachable with these credentials, does the
 * deployment's database exist, may the role create it (when missing) or create tables in it (when
 * present). It only reads; every problem is collected so the plan shows all of them before anything
 * changes. Not for the managed container, which the engine itself creates.
 */
public final class PostgresPreflight {
  private final PostgresAdmin admin;
  private final String user;
  private final String path;

  /**
   * @param user the role the backend logs in as, for messages
   * @param path the YAML path of the database settings, e.g. {@code database}
   */
  public PostgresPreflight(PostgresAdmin admin, String user, String path) {
    this.admin = admin;
    this.user = user;
    this.path = path;
  }

  public PreflightFindings run(String database) {
    List<Diagnostic> problems = new ArrayList<>();
    ServerInfo info;
    try {
      info = admin.check();
    } catch (ProvisionException e) {
      problems.addAll(at(e));
      return new PreflightFindings(null, false, null, false, false, problems);
    }
    boolean exists = false;
    try {
      exists = admin.databaseExists(database);
      if (!exists) {
        boolean creatable = admin.hasCreateDbPrivilege();
        if (!creatable) {
          problems.add(
              Diagnostic.error(
                      null,
                      path,
                      "database '"
                          + database
                          + "' does not exist and role '"
                          + user
                          + "' may not create databases")
                  .withHint(
                      "create it as an administrator: CREATE DATABASE "
                          + database
                          + " OWNER "
                          + quoted()
                          + "; or allow the role: ALTER ROLE "
                          + quoted()
                          + " CREATEDB"));
        }
        return new PreflightFindings(info.version(), false, null, creatable, creatable, problems);
      }
      boolean tables = admin.canCreateTables(database);
      if (!tables) {
        problems.add(
            Diagnostic.error(
                    null,
                    path,
                    "role '"
                        + user
                        + "' may not create tables in database '"
                        + database
                        + "' (no CREATE privilege on its current schema); the backend "
                        + "creates its tables there")
                .withHint(
                    "connected to "
                        + database
                        + " as an administrator: GRANT CREATE ON SCHEMA "
                        + "public TO "
                        + quoted()
                        + "; or make the role the database's owner"));
      }
      boolean empty = admin.isEmpty(database);
      return new PreflightFindings(info.version(), true, empty, true, tables, problems);
    } catch (ProvisionException e) {
      problems.addAll(at(e));
      return new PreflightFindings(info.version(), exists, null, exists, false, problems);
    }
  }

  private String quoted() {
    return DatabaseNames.quoteIdentifier(user);
  }

  /** The exception's diagnostics, pointed at the database settings. */
  private List<Diagnostic> at(ProvisionException e) {
    return e.diagnostics().stream()
        .map(
            d ->
                d.path() != null
                    ? d
                    : new Diagnostic(
                        d.severity(),
                        d.position(),
                        path,
                        d.message(),
                        d.expected(),
                        d.found(),
                        d.hint()))
        .toList();
  }
}
