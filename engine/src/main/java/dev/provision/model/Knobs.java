package dev.provision.model;

/**
 * Backend tuning, each written to the container as the env var named in brackets. Defaults follow
 * the official docker compose file.
 */
public record Knobs(
    long documentRetentionDelaySeconds, // DOCUMENT_RETENTION_DELAY, 172800
    int httpServerTimeoutSeconds, // HTTP_SERVER_TIMEOUT_SECONDS, 300
    int v8ActionTimeoutSeconds, // V8_ACTION_USER_TIMEOUT_SECS, 1800
    int nodeActionTimeoutSeconds, // NODE_ACTION_USER_TIMEOUT_SECS, 600
    int maxConcurrentQueries, // APPLICATION_MAX_CONCURRENT_QUERIES, 16
    int maxConcurrentMutations, // APPLICATION_MAX_CONCURRENT_MUTATIONS, 16
    int maxConcurrentV8Actions, // APPLICATION_MAX_CONCURRENT_V8_ACTIONS, 16
    int maxConcurrentNodeActions, // APPLICATION_MAX_CONCURRENT_NODE_ACTIONS, 16
    String rustLog) { // RUST_LOG, info

  public static Knobs defaults() {
    return new Knobs(172800, 300, 1800, 600, 16, 16, 16, 16, "info");
  }
}
