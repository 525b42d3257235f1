package dev.provision.driver.postgres;

import dev.provision.diag.Diagnostic;
import java.util.List;

/**
 * What the plan-time check of an external Postgres found, before anything changes. Problems are
 * diagnostics for the plan to show all at once; the other fields say what the plan should do.
 *
 * @param serverVersion the server's version, or null when it could not be reached
 * @param exists whether the deployment's database exists (false when unknown)
 * @param empty whether that existing database holds no user relations, null when it does not exist
 *     or is unknown
 * @param creatable whether the role may create the missing database (true when it exists)
 * @param canCreateTables whether the backend's role may create its tables there; for a database the
 *     role will create itself this is assumed (the owner of a new database may create tables in its
 *     {@code public} schema)
 * @param problems errors (nothing may be applied) and warnings
 */
public record PreflightFindings(
    String serverVersion,
    boolean exists,
    Boolean empty,
    boolean creatable,
    boolean canCreateTables,
    List<Diagnostic> problems) {

  public PreflightFindings {
    problems = List.copyOf(problems);
  }

  public boolean reachable() {
    return serverVersion != null;
  }

  /** True when nothing stops an apply: the database exists or can be made, and tables can be. */
  public boolean ok() {
    return problems.stream().noneMatch(Diagnostic::isError);
  }
}
