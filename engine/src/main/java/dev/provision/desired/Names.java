package dev.provision.desired;

import dev.provision.model.Address;
import dev.provision.model.SecretKind;

/**
 * The names and addresses of everything a deployment owns, derived from the instance name. One
 * place, so the compiler, the planner and the drivers agree.
 */
public final class Names {
  public static final Address NETWORK = Address.of(Address.Kind.NETWORK, "default");
  public static final Address DATA_VOLUME = Address.of(Address.Kind.VOLUME, "data");
  public static final Address POSTGRES_VOLUME = Address.of(Address.Kind.VOLUME, "postgres");
  public static final Address POSTGRES_CONTAINER = Address.of(Address.Kind.CONTAINER, "postgres");
  public static final Address DATABASE = Address.of(Address.Kind.DATABASE, "postgres");
  public static final Address BACKEND = Address.of(Address.Kind.CONTAINER, "backend");
  public static final Address DASHBOARD = Address.of(Address.Kind.CONTAINER, "dashboard");
  public static final Address PROXY = Address.of(Address.Kind.CONTAINER, "proxy");
  public static final Address PROXY_VOLUME = Address.of(Address.Kind.VOLUME, "proxy");
  public static final Address INSTANCE_SECRET = SecretKind.INSTANCE_SECRET.address();
  public static final Address POSTGRES_PASSWORD = SecretKind.POSTGRES_PASSWORD.address();
  public static final Address JWT_KEY = SecretKind.JWT_PRIVATE_KEY.address();
  public static final Address ENV_FILE = Address.of(Address.Kind.FILE, "env-local");

  /** The frontend's env file ({@code outputs.frontendEnv}): URLs only. */
  public static final Address FRONTEND_ENV = Address.of(Address.Kind.FILE, "frontend-env");

  /** Where the backend keeps its instance secret inside the data volume. */
  public static final String CREDENTIALS_FILE = "/convex/data/credentials/instance_secret";

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
