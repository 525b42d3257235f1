package dev.provision.postgres;

import dev.provision.model.HealthCheck;
import java.time.Duration;
import java.util.List;

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

  /**
   * The Docker health check: {@code pg_isready} (part of every Postgres server install) over TCP on
   * 127.0.0.1, so the image's first-start server (socket only, while it initialises) does not
   * count; as {@code user}, so the server logs no unknown role. It needs no password.
   */
  public static HealthCheck healthCheck(String user) {
    return new HealthCheck(
        List.of(
            "pg_isready", "--quiet", "--host=127.0.0.1", "--port=" + PORT, "--username=" + user),
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        3);
  }

  private PostgresImage() {}
}
