package dev.provision.convex;

import dev.provision.model.HealthCheck;
import java.time.Duration;
import java.util.List;

/**
 * The facts of the Convex backend image the engine builds on, each spelled once: the ports it
 * listens on inside the container, its data directory, its health path and the env vars that pin
 * its identity and public URLs. Only the host side of a port mapping is configurable.
 */
public final class BackendContainer {
  /** The API port (websocket {@code /api/sync}, HTTP actions under {@code /http/}). */
  public static final int API_PORT = 3210;

  /** The site proxy port: HTTP actions at the root. */
  public static final int SITE_PORT = 3211;

  /** The one volume: credentials, {@code db.sqlite3}, {@code storage/}. */
  public static final String DATA_PATH = "/convex/data";

  /** Answers 200 with the version as plain text, without auth: the health check. */
  public static final String VERSION_PATH = "/version";

  /** The 64-hex-char secret every admin key is derived from. */
  public static final String INSTANCE_SECRET_ENV = "INSTANCE_SECRET";

  /** The instance name: names the Postgres database and prefixes admin keys. */
  public static final String INSTANCE_NAME_ENV = "INSTANCE_NAME";

  /** The public API URL. */
  public static final String CLOUD_ORIGIN_ENV = "CONVEX_CLOUD_ORIGIN";

  /** The public HTTP-actions URL. */
  public static final String SITE_ORIGIN_ENV = "CONVEX_SITE_ORIGIN";

  /** Set when files are stored in S3 (one of six variables that must all be set). */
  public static final String S3_REGION_ENV = "AWS_REGION";

  /** Built in: the backend fills it from its cloud origin and refuses to have it set. */
  public static final String BUILT_IN_CLOUD_URL = "CONVEX_CLOUD_URL";

  /** Built in: the backend fills it from its site origin and refuses to have it set. */
  public static final String BUILT_IN_SITE_URL = "CONVEX_SITE_URL";

  /**
   * The Docker health check: {@code curl} (in the image, as in the official compose file's check)
   * asks {@link #VERSION_PATH} on the API port inside the container every 5 s, failures in the
   * first 10 s not counted.
   */
  public static HealthCheck healthCheck() {
    return new HealthCheck(
        List.of(
            "curl",
            "--fail",
            "--silent",
            "--output",
            "/dev/null",
            "--max-time",
            "4",
            "http://localhost:" + API_PORT + VERSION_PATH),
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        3);
  }

  private BackendContainer() {}
}
