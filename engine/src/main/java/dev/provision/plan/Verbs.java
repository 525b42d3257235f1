package dev.provision.plan;

/**
 * The step verbs a plan may contain, spelled once: each {@link StepAction} returns its own, and
 * plans saved as JSON record them. The executor binds actions by type, never by verb.
 */
public final class Verbs {
  public static final String CREATE_NETWORK = "create-network";
  public static final String REMOVE_NETWORK = "remove-network";
  public static final String CREATE_VOLUME = "create-volume";
  public static final String REMOVE_VOLUME = "remove-volume";
  public static final String STORE_SECRET = "store-secret";
  public static final String ENSURE_IMAGE = "ensure-image";
  public static final String START_CONTAINER = "start-container";
  public static final String REPLACE_CONTAINER = "replace-container";
  public static final String SET_POSTGRES_PASSWORD = "set-postgres-password";
  public static final String REMOVE_CONTAINER = "remove-container";
  public static final String CREATE_DATABASE = "create-database";
  public static final String DROP_DATABASE = "drop-database";
  public static final String SET_ENV = "set-env";
  public static final String UNSET_ENV = "unset-env";
  public static final String WRITE_FILE = "write-file";
  public static final String ADOPT_VOLUME = "adopt-volume";
  public static final String STOP_WRITER = "stop-writer";

  /** Puts back a container whose replace an interrupted apply left half-done. */
  public static final String RECOVER_CONTAINER = "recover-container";

  /** Finishes a backend image upgrade an interrupted apply left half-done (keeps the new one). */
  public static final String FINISH_REPLACE = "finish-replace";

  private Verbs() {}
}
