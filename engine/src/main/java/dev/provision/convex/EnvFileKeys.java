package dev.provision.convex;

/**
 * The keys of the app's env file (such as {@code .env.local}) that point the Convex CLI at a
 * self-hosted backend, each spelled once.
 */
public final class EnvFileKeys {
  /** The backend's public API URL. */
  public static final String URL = "CONVEX_SELF_HOSTED_URL";

  /** An admin key for that backend. */
  public static final String ADMIN_KEY = "CONVEX_SELF_HOSTED_ADMIN_KEY";

  private EnvFileKeys() {}
}
