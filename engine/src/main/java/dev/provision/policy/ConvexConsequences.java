package dev.provision.policy;

import dev.provision.plan.Consequence;
import dev.provision.plan.Risk;

/**
 * The words of each consequence {@link ConvexRisk} can find, with its risk and what to do: one
 * constant per rule, so that tests and the engine's own findings (a rotated instance secret found
 * on the target) name the same consequence the same way. Display only.
 */
public final class ConvexConsequences {
  private ConvexConsequences() {}

  private static final String EXPORT_IMPORT =
      "export first (npx convex export), import after (npx convex import --replace-all)";

  static final Consequence BACKEND_STOPS =
      Consequence.of(Risk.DOWNTIME, "the deployment stops serving until the backend runs again");
  static final Consequence VOLUME_DELETED =
      Consequence.of(Risk.DATA_LOSS, "the data in the volume is deleted for good");
  static final Consequence DATABASE_DELETED =
      Consequence.of(Risk.DATA_LOSS, "the Postgres database and all its data are deleted");
  static final Consequence WRITER_STOPS =
      Consequence.of(
          Risk.DOWNTIME,
          "the deployment it serves stops until provision's backend is ready on the same data");
  static final Consequence OTHER_DATABASE =
      new Consequence(
          Risk.DATA_LOSS,
          "the backend points at a different, empty Postgres database; the old one is kept",
          EXPORT_IMPORT);
  static final Consequence NEW_VOLUME =
      new Consequence(
          Risk.DATA_LOSS,
          "the backend starts on a new, empty volume; the old volume is kept",
          EXPORT_IMPORT);
  static final Consequence NEW_NETWORK =
      Consequence.of(Risk.RESTART, "every container is reconnected to a new network");
  static final Consequence BACKEND_RESTARTS =
      Consequence.of(
          Risk.RESTART, "the backend restarts: a few seconds without service; clients reconnect");
  static final Consequence PROXY_RESTARTS =
      Consequence.of(
          Risk.RESTART,
          "the proxy restarts: a few seconds without HTTPS; its certificates are kept in its"
              + " volume");
  static final Consequence PROXY_NAMES =
      new Consequence(
          Risk.DOWNTIME,
          "the proxy answers on other names: a certificate for each new name is requested when"
              + " it starts, and a URL on a removed name stops working",
          "point each new name's DNS record at the proxy first; clients must use the new URLs");
  static final Consequence POSTGRES_RESTARTS =
      Consequence.of(
          Risk.RESTART, "Postgres restarts: the backend loses its connection for a few seconds");
  static final Consequence PORTS =
      new Consequence(Risk.DOWNTIME, "published ports change", "clients must use the new address");
  static final Consequence POSTGRES_PASSWORD_SET =
      Consequence.of(
          Risk.DOWNTIME,
          "the Postgres password changes: provision sets it in Postgres (ALTER ROLE), then"
              + " restarts Postgres and the backend with it; the deployment is down until the"
              + " backend has reconnected");

  /** Also when the image cannot be told to keep the major version (a digest, latest). */
  static final Consequence POSTGRES_MAJOR =
      new Consequence(
          Risk.IRREVERSIBLE,
          "a new Postgres major version cannot open the old data directory",
          "dump the database (pg_dump) and restore it into the new version instead");

  static final Consequence IMAGE_UPGRADE =
      new Consequence(
          Risk.IRREVERSIBLE,
          "an image upgrade runs forward-only migrations: starting the old image afterwards does"
              + " not undo it",
          "back up first (npx convex export)");
  static final Consequence OTHER_DATA_VOLUME =
      new Consequence(
          Risk.DATA_LOSS,
          "the backend starts on a different, empty volume; the old volume is kept",
          EXPORT_IMPORT);
  static final Consequence SQLITE_POSTGRES =
      new Consequence(
          Risk.DATA_LOSS,
          "switching between SQLite and Postgres starts on an empty database",
          EXPORT_IMPORT);
  private static final String RESTORE_LATER =
      "; to go back to that state later: provision restore SPEC BACKUP";

  /**
   * {@code c} as it reads when apply takes the backup itself (into {@code dir}, before the step):
   * the advice to back up first gives way to what provision does and how to restore. Consequences a
   * backup does not change are answered as they are.
   */
  public static Consequence backedUp(Consequence c, String dir) {
    if (c.equals(IMAGE_UPGRADE)) {
      return new Consequence(
          c.risk(),
          c.what(),
          "provision backs the data up into "
              + dir
              + " first, while the old backend is stopped, and restores it if the upgrade fails"
              + RESTORE_LATER);
    }
    if (c.equals(POSTGRES_MAJOR)) {
      return new Consequence(
          c.risk(),
          c.what(),
          "provision stops the backend, dumps the database (pg_dump) from the old Postgres and"
              + " backs the volume up into "
              + dir
              + " first; if the new Postgres fails, the old one gets that data back"
              + RESTORE_LATER);
    }
    if (c.equals(SQLITE_POSTGRES) || c.equals(LOCAL_S3)) {
      return new Consequence(
          c.risk(),
          c.what(),
          "provision backs the old state up into "
              + dir
              + " first and restores it if the switch fails (provision restore SPEC BACKUP with"
              + " the old spec puts it back later); to bring the data along, "
              + EXPORT_IMPORT);
    }
    return c;
  }

  static final Consequence NEW_POSTGRES_CREDENTIALS =
      Consequence.of(
          Risk.DOWNTIME,
          "the backend connects to Postgres with new credentials: no service from the moment"
              + " Postgres takes them until the new backend is ready");
  static final Consequence LOCAL_S3 =
      new Consequence(
          Risk.DATA_LOSS,
          "switching between local and S3 storage starts without the stored files",
          EXPORT_IMPORT);
  static final Consequence INSTANCE_NAME =
      new Consequence(
          Risk.DATA_LOSS,
          "a new instance name starts the backend on different, empty data (its volume and"
              + " Postgres database are named after it), and every admin key (prefixed with the"
              + " name) stops working",
          EXPORT_IMPORT + "; issue new admin keys (provision admin-key)");

  /** Also what the engine adds when it finds the target's instance secret differs. */
  public static final Consequence INSTANCE_SECRET =
      new Consequence(
          Risk.IRREVERSIBLE,
          "rotating the instance secret invalidates every admin key issued so far",
          "apply needs --allow-secret-rotation; issue new admin keys after it (provision admin-key)");

  static final Consequence POSTGRES_PASSWORD_SECRET =
      new Consequence(
          Risk.DOWNTIME,
          "Postgres keeps the password it was initialised with",
          "change it in Postgres first, or the backend cannot connect");
  static final Consequence JWT_KEYS =
      Consequence.of(
          Risk.DOWNTIME, "new JWT keys sign everyone out: every session must sign in again");
}
