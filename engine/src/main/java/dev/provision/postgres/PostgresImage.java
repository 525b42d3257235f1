package dev.provision.postgres;

/**
 * The facts of Postgres and its official image the engine builds on, each spelled once: the default
 * port, the data directory, and the env vars the image reads when it initialises an empty data
 * directory (and only then).
 */
public final class PostgresImage {
  /** Postgres's default port. */
  public static final int PORT = 5432;

  /** Where the official image keeps its data. */
  public static final String DATA_PATH = "/var/lib/postgresql/data";

  /** The superuser's first password. */
  public static final String PASSWORD_ENV = "POSTGRES_PASSWORD";

  /** The superuser's name. */
  public static final String USER_ENV = "POSTGRES_USER";

  private PostgresImage() {}
}
