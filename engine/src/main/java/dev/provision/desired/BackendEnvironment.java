package dev.provision.desired;

import dev.provision.convex.BackendContainer;
import dev.provision.model.Backend;
import dev.provision.model.Knobs;
import dev.provision.model.S3Storage;
import dev.provision.model.Spec;
import dev.provision.model.Value;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The backend container's environment, written only as the backend understands it: flags that
 * switch on for ANY non-empty value (DISABLE_BEACON, REDACT_LOGS_TO_CLIENT, DO_NOT_REQUIRE_SSL) are
 * written only when true, and INSTANCE_NAME and INSTANCE_SECRET are always explicit so a lost
 * volume never changes the secret.
 */
final class BackendEnvironment {
  private BackendEnvironment() {}

  static SortedMap<String, Value> of(Spec spec, Value instanceSecret, SortedMap<String, Value> db) {
    Backend b = spec.backend();
    SortedMap<String, Value> env = new TreeMap<>();
    env.put(BackendContainer.INSTANCE_NAME_ENV, Value.plain(spec.deployment()));
    env.put(BackendContainer.INSTANCE_SECRET_ENV, instanceSecret);
    env.put(BackendContainer.CLOUD_ORIGIN_ENV, Value.plain(b.cloudOrigin()));
    env.put(BackendContainer.SITE_ORIGIN_ENV, Value.plain(b.siteOrigin()));
    knobs(env, b.knobs());
    flag(env, "DISABLE_BEACON", !b.beacon());
    flag(env, "REDACT_LOGS_TO_CLIENT", b.redactLogsToClient());
    flag(env, "DISABLE_METRICS_ENDPOINT", !b.metrics());
    env.putAll(db);
    env.putAll(ProxyResources.backendEnv(spec.proxy()));
    if (b.s3() != null) {
      s3(env, b.s3());
    }
    return env;
  }

  private static void knobs(SortedMap<String, Value> env, Knobs k) {
    put(env, "DOCUMENT_RETENTION_DELAY", k.documentRetentionDelaySeconds());
    put(env, "HTTP_SERVER_TIMEOUT_SECONDS", k.httpServerTimeoutSeconds());
    put(env, "V8_ACTION_USER_TIMEOUT_SECS", k.v8ActionTimeoutSeconds());
    put(env, "NODE_ACTION_USER_TIMEOUT_SECS", k.nodeActionTimeoutSeconds());
    put(env, "APPLICATION_MAX_CONCURRENT_QUERIES", k.maxConcurrentQueries());
    put(env, "APPLICATION_MAX_CONCURRENT_MUTATIONS", k.maxConcurrentMutations());
    put(env, "APPLICATION_MAX_CONCURRENT_V8_ACTIONS", k.maxConcurrentV8Actions());
    put(env, "APPLICATION_MAX_CONCURRENT_NODE_ACTIONS", k.maxConcurrentNodeActions());
    env.put("RUST_LOG", Value.plain(k.rustLog()));
  }

  private static void s3(SortedMap<String, Value> env, S3Storage s3) {
    env.put(BackendContainer.S3_REGION_ENV, Value.plain(s3.region()));
    if (s3.endpointUrl() != null) {
      env.put("S3_ENDPOINT_URL", Value.plain(s3.endpointUrl()));
    }
    env.put("S3_STORAGE_EXPORTS_BUCKET", Value.plain(s3.exportsBucket()));
    env.put("S3_STORAGE_SNAPSHOT_IMPORTS_BUCKET", Value.plain(s3.snapshotImportsBucket()));
    env.put("S3_STORAGE_MODULES_BUCKET", Value.plain(s3.modulesBucket()));
    env.put("S3_STORAGE_FILES_BUCKET", Value.plain(s3.filesBucket()));
    env.put("S3_STORAGE_SEARCH_BUCKET", Value.plain(s3.searchBucket()));
    if (s3.accessKeyId() != null) {
      env.put("AWS_ACCESS_KEY_ID", s3.accessKeyId().asSensitive());
    }
    if (s3.secretAccessKey() != null) {
      env.put("AWS_SECRET_ACCESS_KEY", s3.secretAccessKey().asSensitive());
    }
  }

  private static void put(SortedMap<String, Value> env, String name, long value) {
    env.put(name, Value.plain(Long.toString(value)));
  }

  private static void flag(SortedMap<String, Value> env, String name, boolean on) {
    if (on) {
      env.put(name, Value.plain("true"));
    }
  }
}
