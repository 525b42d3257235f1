package dev.provision.driver;

/**
 * The labels the engine writes on everything it owns. They are its only memory: discovery,
 * ownership checks and drift detection read them.
 */
public final class Labels {
  /** The deployment (instance name) that owns the object. */
  public static final String DEPLOYMENT = "dev.provision.deployment";

  /** The resource address, e.g. {@code container.backend}. */
  public static final String ADDRESS = "dev.provision.address";

  /** SHA-256 of the desired attributes when the object was last applied. */
  public static final String CONFIG_HASH = "dev.provision.config-hash";

  /** Comma-separated env var names the engine set (the image adds others). */
  public static final String ENV_KEYS = "dev.provision.env-keys";

  /** Comma-separated env var names whose values are secret. */
  public static final String SENSITIVE_KEYS = "dev.provision.sensitive-keys";

  /**
   * The container name the spec asked for. A container whose actual name differs (a replacement
   * created as {@code NAME-next}, or the old one renamed to {@code NAME-prev}) is observed under
   * its own address, so an interrupted replace stays visible.
   */
  public static final String NAME = "dev.provision.name";

  /** {@code true} when the engine set the container's command (else the image's default runs). */
  public static final String COMMAND_SET = "dev.provision.command-set";

  /**
   * {@code true} when the engine set the container's health check (else an image's own check, if
   * any, is not counted as part of the configuration provision applied).
   */
  public static final String HEALTH_SET = "dev.provision.health-set";

  /**
   * On a container: comma-separated names of volumes it mounts that provision adopted (they were
   * made outside provision and carry no labels; Docker cannot add labels to a volume later).
   */
  public static final String ADOPTED_VOLUMES = "dev.provision.adopted-volumes";

  /**
   * On a deployment's lock container only, naming the deployment it locks. The lock container has
   * no {@link #DEPLOYMENT} label: it is not a resource of the deployment.
   */
  public static final String LOCK = "dev.provision.lock";

  /** The id of the apply that created the object (and, on a lock, of the apply that holds it). */
  public static final String APPLY_ID = "dev.provision.apply-id";

  /**
   * On a replacement container (created as {@code NAME-next}): {@code true} when the container it
   * replaces was running. With {@link #REPLACES_RESTART_POLICY}, what recovery after a {@code kill
   * -9} needs to put the old container back exactly as it was.
   */
  public static final String REPLACES_RUNNING = "dev.provision.replaces.running";

  /** On a replacement container: the restart policy of the container it replaces. */
  public static final String REPLACES_RESTART_POLICY = "dev.provision.replaces.restart-policy";

  private Labels() {}
}
