package dev.provision.driver.postgres;

import dev.provision.diag.ProvisionException;
import java.util.Optional;

/**
 * What a restore needs of the engine's role on an external server, read over JDBC before anything
 * stops: it drops the deployment's database and creates it again, which takes a superuser, or a
 * role with {@code CREATEDB} that owns the database (or the database is missing).
 *
 * @param role the logged-in role (a name, never a password)
 * @param database the deployment's database
 * @param superuser whether the role is a superuser
 * @param createDb whether the role has {@code CREATEDB}
 * @param owner whether the role owns {@code database}, or the database does not exist
 */
public record RestoreRights(
    String role, String database, boolean superuser, boolean createDb, boolean owner) {

  /** The refusal when the role cannot drop and create the database, else empty. */
  public Optional<ProvisionException> refusal() {
    if (superuser || (createDb && owner)) {
      return Optional.empty();
    }
    String quoted = DatabaseNames.quoteIdentifier(role);
    if (!createDb) {
      return Optional.of(
          ProvisionException.of(
              "restore needs to drop and create database "
                  + database
                  + ", but role "
                  + role
                  + " lacks the CREATEDB privilege; nothing was stopped or changed",
              "as a superuser, run: ALTER ROLE " + quoted + " CREATEDB"));
    }
    return Optional.of(
        ProvisionException.of(
            "restore needs to drop and create database "
                + database
                + ", but role "
                + role
                + " does not own it; nothing was stopped or changed",
            "as a superuser, run: ALTER DATABASE "
                + DatabaseNames.quoteIdentifier(database)
                + " OWNER TO "
                + quoted));
  }
}
