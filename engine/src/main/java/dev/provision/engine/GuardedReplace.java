package dev.provision.engine;

import dev.provision.convex.BackendContainer;
import dev.provision.desired.Names;
import dev.provision.model.ContainerResource;
import dev.provision.model.ReplaceOrder;
import dev.provision.plan.Reversibility;
import dev.provision.plan.StepAction;
import dev.provision.policy.PostgresMajor;
import dev.provision.postgres.PostgresUrls;
import java.util.Optional;

/**
 * The replaces apply guards with a backup taken in the stop window, decided from typed data only
 * (addresses, images, env names, the replace order), never from a consequence's words:
 *
 * <ul>
 *   <li>{@link #BACKEND_UPGRADE}: a forward-only backend replace (an image upgrade migrates the
 *       data; a rotated instance secret).
 *   <li>{@link #STORAGE_SWITCH}: a backend on SQLite switching to Postgres, or between local and S3
 *       storage. Only from SQLite: the backup then describes the old state completely (the volume),
 *       so {@code provision restore} with the old spec can put it back later. A switch away from
 *       Postgres keeps the old database untouched and is not guarded.
 *   <li>{@link #POSTGRES_MAJOR}: a managed Postgres image that may be another major version (it
 *       cannot open the old data directory): the database is dumped from the old, still running
 *       server while the backend is stopped.
 * </ul>
 */
enum GuardedReplace {
  BACKEND_UPGRADE,
  STORAGE_SWITCH,
  POSTGRES_MAJOR;

  /** What guards {@code a}, if anything. */
  static Optional<GuardedReplace> of(StepAction.ReplaceContainer a) {
    ContainerResource before = a.before();
    ContainerResource after = a.after();
    if (after.address().equals(Names.POSTGRES_CONTAINER)) {
      // only an image change: the same moving tag (latest) on both sides is not an upgrade
      return !before.image().equals(after.image())
              && PostgresMajor.differs(before.image(), after.image())
          ? Optional.of(POSTGRES_MAJOR)
          : Optional.empty();
    }
    if (!after.address().equals(Names.BACKEND)
        || ReplaceOrder.of(before, after) != ReplaceOrder.STOP_FIRST) {
      return Optional.empty();
    }
    if (a.reversibility() == Reversibility.FORWARD_ONLY) {
      return Optional.of(BACKEND_UPGRADE);
    }
    boolean fromSqlite = !before.env().containsKey(PostgresUrls.POSTGRES_URL);
    boolean toPostgres = after.env().containsKey(PostgresUrls.POSTGRES_URL);
    boolean s3Switch =
        before.env().containsKey(BackendContainer.S3_REGION_ENV)
            != after.env().containsKey(BackendContainer.S3_REGION_ENV);
    return fromSqlite && (toPostgres || s3Switch) ? Optional.of(STORAGE_SWITCH) : Optional.empty();
  }

  /** What the step is, for the plan's words. */
  String what() {
    return switch (this) {
      case BACKEND_UPGRADE -> "the backend upgrade";
      case STORAGE_SWITCH -> "the storage switch";
      case POSTGRES_MAJOR -> "the Postgres major upgrade";
    };
  }
}
