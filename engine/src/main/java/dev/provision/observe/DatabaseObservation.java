package dev.provision.observe;

import dev.provision.desired.Names;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.HostDriver;
import dev.provision.driver.postgres.JdbcPostgresAdmin;
import dev.provision.driver.postgres.ManagedPostgresAdmin;
import dev.provision.driver.postgres.PostgresAdmin;
import dev.provision.driver.postgres.PostgresPreflight;
import dev.provision.driver.postgres.PreflightFindings;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.Database;
import dev.provision.model.Spec;
import dev.provision.postgres.PostgresEndpoint;
import dev.provision.postgres.PostgresUrlParser;
import java.util.List;

/**
 * Finds out whether the deployment's Postgres database exists. For a managed server, by running
 * {@code psql} in its container (on a Swarm worker: beside it). For an external server this is the
 * plan-time preflight: reachability, credentials and privileges are checked before anything
 * changes, and every problem is reported at once.
 */
public final class DatabaseObservation {
  private DatabaseObservation() {}

  /** Opens the admin for the spec's Postgres (managed: through exec in its container). */
  public static PostgresAdmin admin(Spec spec, HostDriver host) {
    if (spec.database() instanceof Database.ManagedPostgres m) {
      return new ManagedPostgresAdmin(
          host::exec, Names.container(spec.deployment(), "postgres"), m.user());
    }
    Database.ExternalPostgres e = (Database.ExternalPostgres) spec.database();
    PostgresEndpoint endpoint = new PostgresUrlParser("database.postgres.external").parse(e);
    return new JdbcPostgresAdmin(endpoint);
  }

  /** Whether the database exists; adds preflight warnings to {@code warnings}. */
  public static boolean exists(
      Spec spec, HostDriver host, ObservedState live, List<Diagnostic> warnings) {
    String name = Names.database(spec.deployment());
    if (spec.database() instanceof Database.ManagedPostgres) {
      ObservedResource pg = live.resources().get(Names.POSTGRES_CONTAINER);
      if (pg == null || pg.status() == null || !pg.status().running()) {
        return false;
      }
      return admin(spec, host).databaseExists(name);
    }
    Database.ExternalPostgres e = (Database.ExternalPostgres) spec.database();
    String user = new PostgresUrlParser("database.postgres.external").parse(e).user();
    PreflightFindings findings =
        new PostgresPreflight(admin(spec, host), user, "database.postgres.external").run(name);
    if (!findings.ok()) {
      throw new ProvisionException(findings.problems());
    }
    findings.problems().stream().filter(d -> !d.isError()).forEach(warnings::add);
    return findings.exists();
  }
}
