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
import dev.provision.plan.Consequence;
import dev.provision.plan.Grade;
import dev.provision.plan.Risk;
import dev.provision.postgres.PostgresUrls;
import java.util.ArrayList;
import java.util.List;

/**
 * Grades a change by what it does to a Convex deployment, from the attributes it touches. The
 * consequences are the ones self-hosters hit: a rotated secret kills every admin key, a new
 * instance name or database switch starts on empty data, an image upgrade runs forward-only
 * migrations. Every rule that applies adds its consequence; the change is graded by the highest (an
 * image upgrade that also switches SQLite to Postgres is irreversible and loses data, and the plan
 * says both). The words are in {@link ConvexConsequences}.
 */
final class ConvexRisk {
  private ConvexRisk() {}

  static Grade grade(Address address, Action action, List<AttributeChange> changes) {
    return switch (action) {
      case NO_OP, ADOPT, CREATE -> Grade.safe();
      case DELETE -> delete(address);
      case UPDATE, REPLACE -> update(address, changes);
    };
  }

  private static Grade delete(Address address) {
    return switch (address.kind()) {
      case CONTAINER ->
          one(
              address.equals(Names.BACKEND)
                  ? ConvexConsequences.BACKEND_STOPS
                  : Consequence.of(Risk.DOWNTIME, address.name() + " stops"));
      case VOLUME -> one(ConvexConsequences.VOLUME_DELETED);
      case DATABASE -> one(ConvexConsequences.DATABASE_DELETED);
      case ENV -> Grade.safe("functions no longer see " + address.name());
      default -> Grade.safe();
    };
  }

  private static Grade update(Address address, List<AttributeChange> c) {
    return switch (address.kind()) {
      case WRITER -> one(ConvexConsequences.WRITER_STOPS);
      case CONTAINER -> Grade.of(container(address, c));
      case SECRET -> SecretKind.at(address).map(k -> one(secret(k))).orElse(Grade.safe());
      case ENV -> env(address.name());
      case DATABASE -> one(ConvexConsequences.OTHER_DATABASE);
      case VOLUME -> one(ConvexConsequences.NEW_VOLUME);
      case NETWORK -> one(ConvexConsequences.NEW_NETWORK);
      default -> Grade.safe();
    };
  }

  /**
   * Every consequence of replacing or updating a container: a restart, plus each rule that hits.
   */
  private static List<Consequence> container(Address address, List<AttributeChange> c) {
    boolean backend = address.equals(Names.BACKEND);
    boolean postgres = address.equals(Names.POSTGRES_CONTAINER);
    boolean proxy = address.equals(Names.PROXY);
    List<Consequence> out = new ArrayList<>();
    out.add(
        backend
            ? ConvexConsequences.BACKEND_RESTARTS
            : postgres
                ? ConvexConsequences.POSTGRES_RESTARTS
                : proxy
                    ? ConvexConsequences.PROXY_RESTARTS
                    : Consequence.of(Risk.RESTART, address.name() + " restarts"));
    if (proxy && touches(c, "network")) {
      // the network attribute carries the proxy's public names (its aliases)
      out.add(ConvexConsequences.PROXY_NAMES);
    }
    if (touchesPrefix(c, "ports.")) {
      out.add(ConvexConsequences.PORTS);
    }
    if (touches(c, envPath(PostgresPassword.ENV))) {
      out.add(ConvexConsequences.POSTGRES_PASSWORD_SET);
    }
    if (postgres && PostgresMajor.changes(c)) {
      out.add(ConvexConsequences.POSTGRES_MAJOR);
    }
    if (backend) {
      backend(c, out);
    }
    return out;
  }

  private static void backend(List<AttributeChange> c, List<Consequence> out) {
    if (touches(c, "image")) {
      out.add(ConvexConsequences.IMAGE_UPGRADE);
    }
    if (touches(c, "mounts." + BackendContainer.DATA_PATH)) {
      out.add(ConvexConsequences.OTHER_DATA_VOLUME);
    }
    String url = envPath(PostgresUrls.POSTGRES_URL);
    if (addedOrRemoved(c, url)) {
      out.add(ConvexConsequences.SQLITE_POSTGRES);
    } else if (touches(c, url)) {
      out.add(ConvexConsequences.NEW_POSTGRES_CREDENTIALS);
    }
    if (addedOrRemoved(c, envPath(BackendContainer.S3_REGION_ENV))) {
      out.add(ConvexConsequences.LOCAL_S3);
    }
    if (touches(c, envPath(BackendContainer.INSTANCE_NAME_ENV))) {
      out.add(ConvexConsequences.INSTANCE_NAME);
    }
    if (touches(c, envPath(BackendContainer.INSTANCE_SECRET_ENV))) {
      out.add(secret(SecretKind.INSTANCE_SECRET));
    }
  }

  /** The attribute path of a container's env var. */
  private static String envPath(String name) {
    return "env." + name;
  }

  private static Consequence secret(SecretKind kind) {
    return switch (kind) {
      case INSTANCE_SECRET -> ConvexConsequences.INSTANCE_SECRET;
      case POSTGRES_PASSWORD -> ConvexConsequences.POSTGRES_PASSWORD_SECRET;
      case JWT_PRIVATE_KEY -> ConvexConsequences.JWT_KEYS;
    };
  }

  private static Grade env(String name) {
    if (name.equals(AuthEnv.JWT_PRIVATE_KEY) || name.equals(AuthEnv.JWKS)) {
      return one(secret(SecretKind.JWT_PRIVATE_KEY));
    }
    return Grade.safe("functions see the new value at once");
  }

  private static Grade one(Consequence c) {
    return Grade.of(List.of(c));
  }
}
