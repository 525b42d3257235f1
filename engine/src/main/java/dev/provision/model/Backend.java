package dev.provision.model;

/**
 * The Convex backend container.
 *
 * @param bind host address the ports are published on (default 127.0.0.1)
 * @param apiPort host port for container port 3210 (API, websocket, /http)
 * @param sitePort host port for container port 3211 (HTTP actions at the root)
 * @param cloudOrigin public API URL ({@code CONVEX_CLOUD_ORIGIN})
 * @param siteOrigin public HTTP-actions URL ({@code CONVEX_SITE_ORIGIN})
 * @param volume name of the data volume mounted at /convex/data
 * @param beacon send the anonymous usage beacon (false writes DISABLE_BEACON=true)
 * @param redactLogsToClient true writes REDACT_LOGS_TO_CLIENT=true
 * @param metrics serve /metrics (false writes DISABLE_METRICS_ENDPOINT=true)
 * @param s3 S3 storage, or null for storage in the volume
 */
public record Backend(
    String image,
    String bind,
    int apiPort,
    int sitePort,
    String cloudOrigin,
    String siteOrigin,
    String volume,
    Knobs knobs,
    boolean beacon,
    boolean redactLogsToClient,
    boolean metrics,
    S3Storage s3) {

  /** This backend published on {@code address} instead. */
  public Backend withBind(String address) {
    return new Backend(
        image,
        address,
        apiPort,
        sitePort,
        cloudOrigin,
        siteOrigin,
        volume,
        knobs,
        beacon,
        redactLogsToClient,
        metrics,
        s3);
  }
}
