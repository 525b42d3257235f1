package dev.provision.policy;

import static dev.provision.plan.AttributeDiff.addedOrRemoved;
import static dev.provision.plan.AttributeDiff.touches;
import static dev.provision.plan.AttributeDiff.touchesPrefix;

import dev.provision.convex.AuthEnv;
import dev.provision.convex.BackendContainer;
import dev.provision.desired.Names;
import dev.provision.model.Address;
import dev.provision.model.SecretKind;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Grade;
import dev.provision.plan.Risk;
import dev.provision.postgres.PostgresUrls;
import java.util.List;

/**
 * Grades a change by what it does to a Convex deployment, from the attributes it touches. The
 * consequences are the ones self-hosters hit: a rotated secret kills every admin key, a new
 * instance name or database switch starts on empty data, an image upgrade runs forward-only
 * migrations.
 */
final class ConvexRisk {
  private ConvexRisk() {}

  static Grade grade(Address address, Action action, List<AttributeChange> changes) {
    return switch (action) {
      case NO_OP, ADOPT -> Grade.safe();
      case CREATE -> Grade.safe();
      case DELETE -> delete(address);
      case UPDATE, REPLACE -> update(address, changes);
    };
  }

  private static Grade delete(Address address) {
    return switch (address.kind()) {
      case CONTAINER ->
          address.equals(Names.BACKEND)
              ? new Grade(
                  Risk.DOWNTIME, "the deployment stops serving until the backend runs again")
              : new Grade(Risk.DOWNTIME, address.name() + " stops");
      case VOLUME -> new Grade(Risk.DATA_LOSS, "the data in the volume is deleted for good");
      case DATABASE ->
          new Grade(Risk.DATA_LOSS, "the Postgres database and all its data are deleted");
      case ENV -> Grade.safe("functions no longer see " + address.name());
      default -> Grade.safe();
    };
  }

  private static Grade update(Address address, List<AttributeChange> c) {
    return switch (address.kind()) {
      case WRITER ->
          new Grade(
              Risk.DOWNTIME,
              "the deployment it serves stops until provision's backend is ready on the same data");
      case CONTAINER -> container(address, c);
      case SECRET -> SecretKind.at(address).map(ConvexRisk::secret).orElse(Grade.safe());
      case ENV -> env(address.name());
      case DATABASE ->
          new Grade(
              Risk.DATA_LOSS,
              "the backend points at a different, empty Postgres database; the old one is kept");
      case VOLUME ->
          new Grade(
              Risk.DATA_LOSS, "the backend starts on a new, empty volume; the old volume is kept");
      case NETWORK -> new Grade(Risk.RESTART, "every container is reconnected to a new network");
      default -> Grade.safe();
    };
  }

  private static Grade container(Address address, List<AttributeChange> c) {
    boolean backend = address.equals(Names.BACKEND);
    boolean postgres = address.equals(Names.POSTGRES_CONTAINER);
    Grade g =
        backend
            ? new Grade(
                Risk.RESTART,
                "the backend restarts: a few seconds without service; clients reconnect")
            : postgres
                ? new Grade(
                    Risk.RESTART,
                    "Postgres restarts: the backend loses its connection for a few seconds")
                : new Grade(Risk.RESTART, address.name() + " restarts");
    if (touchesPrefix(c, "ports.")) {
      g =
          g.atLeast(
              new Grade(Risk.DOWNTIME, "published ports change: clients must use the new address"));
    }
    if (touches(c, envPath(PostgresPassword.ENV))) {
      g =
          g.atLeast(
              new Grade(
                  Risk.DOWNTIME,
                  "the Postgres password changes: provision sets it in Postgres (ALTER ROLE), "
                      + "then restarts Postgres and the backend with it; the deployment is down "
                      + "until the backend has reconnected"));
    }
    if (!backend) {
      if (postgres && touches(c, "image")) {
        g =
            g.atLeast(
                new Grade(
                    Risk.IRREVERSIBLE,
                    "a new Postgres major version cannot open the old data directory: dump and restore instead"));
      }
      return g;
    }
    if (touches(c, "image")) {
      g =
          g.atLeast(
              new Grade(
                  Risk.IRREVERSIBLE,
                  "an image upgrade runs forward-only migrations: "
                      + "starting the old image afterwards does not undo it; back up first (npx convex export)"));
    }
    if (touches(c, "mounts." + BackendContainer.DATA_PATH)) {
      g =
          g.atLeast(
              new Grade(
                  Risk.DATA_LOSS,
                  "the backend starts on a different, empty volume; the old volume is kept"));
    }
    if (touches(c, envPath(PostgresUrls.POSTGRES_URL))
        && !addedOrRemoved(c, envPath(PostgresUrls.POSTGRES_URL))) {
      g =
          g.atLeast(
              new Grade(
                  Risk.DOWNTIME,
                  "the backend connects to Postgres with new credentials: no service from the "
                      + "moment Postgres takes them until the new backend is ready"));
    }
    if (addedOrRemoved(c, envPath(PostgresUrls.POSTGRES_URL))) {
      g =
          g.atLeast(
              new Grade(
                  Risk.DATA_LOSS,
                  "switching between SQLite and Postgres starts on an "
                      + "empty database: export first (npx convex export), import after (npx convex import --replace-all)"));
    }
    if (addedOrRemoved(c, envPath(BackendContainer.S3_REGION_ENV))) {
      g =
          g.atLeast(
              new Grade(
                  Risk.DATA_LOSS,
                  "switching between local and S3 storage loses stored "
                      + "files unless exported and imported"));
    }
    if (touches(c, envPath(BackendContainer.INSTANCE_NAME_ENV))) {
      g =
          g.atLeast(
              new Grade(
                  Risk.DATA_LOSS,
                  "a new instance name points the backend at a different, "
                      + "empty Postgres database, and every admin key (prefixed with the name) stops working"));
    }
    if (touches(c, envPath(BackendContainer.INSTANCE_SECRET_ENV))) {
      g = g.atLeast(secret(SecretKind.INSTANCE_SECRET));
    }
    return g;
  }

  /** The attribute path of a container's env var. */
  private static String envPath(String name) {
    return "env." + name;
  }

  private static Grade secret(SecretKind kind) {
    return switch (kind) {
      case INSTANCE_SECRET ->
          new Grade(
              Risk.IRREVERSIBLE,
              "rotating the instance secret invalidates every admin key issued so far");
      case POSTGRES_PASSWORD ->
          new Grade(
              Risk.DOWNTIME,
              "Postgres keeps the password it was "
                  + "initialised with: change it in Postgres first, or the backend cannot connect");
      case JWT_PRIVATE_KEY ->
          new Grade(
              Risk.DOWNTIME, "new JWT keys sign everyone out: every session must sign in again");
    };
  }

  private static Grade env(String name) {
    if (name.equals(AuthEnv.JWT_PRIVATE_KEY) || name.equals(AuthEnv.JWKS)) {
      return secret(SecretKind.JWT_PRIVATE_KEY);
    }
    return Grade.safe("functions see the new value at once");
  }
}
