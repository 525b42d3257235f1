package dev.provision.desired;

/**
 * The names and addresses of everything a deployment owns, derived from the instance name. One
 * place, so the compiler, the planner and the drivers agree.
 */
public final class Names {
  public static final String NETWORK = "network.default";
  public static final String DATA_VOLUME = "volume.data";
  public static final String POSTGRES_VOLUME = "volume.postgres";
  public static final String POSTGRES_CONTAINER = "container.postgres";
  public static final String DATABASE = "database.postgres";
  public static final String BACKEND = "container.backend";
  public static final String DASHBOARD = "container.dashboard";
  public static final String INSTANCE_SECRET = "secret.instance";
  public static final String POSTGRES_PASSWORD = "secret.postgres-password";
  public static final String JWT_KEY = "secret.jwt-private-key";
  public static final String ENV_FILE = "file.env-local";

  /**
   * The deployment env var listing the env var names the engine manages (its memory of what to
   * delete).
   */
  public static final String MANAGED_ENV = "PROVISION_MANAGED_ENV";

  /** DNS name of the managed Postgres container on the deployment network. */
  public static final String POSTGRES_ALIAS = "postgres";

  private Names() {}

  public static String network(String deployment) {
    return deployment + "-net";
  }

  public static String container(String deployment, String role) {
    return deployment + "-" + role;
  }

  /** The Postgres database the backend uses: the instance name with '-' replaced by '_'. */
  public static String database(String deployment) {
    return dev.provision.convex.InstanceNames.databaseName(deployment);
  }
}
