package dev.provision.driver.convex;

import dev.provision.convex.AdminKeyCheck;
import dev.provision.convex.AdminKeys;
import dev.provision.diag.Diagnostic;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A test double of one backend's admin API held in memory: keys are judged with {@link
 * AdminKeys#verify} against its name and secret, env vars live in a map. It passes the same
 * contract as the HTTP client against a backend, so tests of the planner and steps may use it. Not
 * thread-safe.
 */
final class InMemoryConvexAdminApi implements ConvexAdminApi {
  /** What the real backend lists for a read-only key (its keybroker's read-only operations). */
  static final List<String> READ_ONLY_OPERATIONS =
      List.of(
          "ViewEnvironmentVariables",
          "ViewLogs",
          "ViewMetrics",
          "ViewIntegrations",
          "ViewData",
          "ViewBackups",
          "DownloadBackups",
          "RunInternalQueries",
          "RunTestQuery",
          "ViewAuditLog",
          "ViewUsageLimits",
          "ViewUsage");

  /** One backend's state, shared by the clients made for different keys. */
  static final class Backend {
    final String instanceName;
    final byte[] secret;
    final SortedMap<String, String> env = new TreeMap<>();
    final Map<CanonicalUrlDestination, String> canonicalUrls =
        new EnumMap<>(CanonicalUrlDestination.class);

    Backend(String instanceName, byte[] secret) {
      this.instanceName = instanceName;
      this.secret = secret.clone();
    }

    ConvexAdminApi client(String adminKey) {
      return new InMemoryConvexAdminApi(this, adminKey);
    }
  }

  private final Backend backend;
  private final String adminKey;

  private InMemoryConvexAdminApi(Backend backend, String adminKey) {
    this.backend = backend;
    this.adminKey = adminKey;
  }

  @Override
  public String version() {
    return "in-memory-0.0.0";
  }

  @Override
  public String instanceName() {
    return backend.instanceName;
  }

  @Override
  public AdminKeyStatus checkAdminKey() {
    AdminKeyCheck check = AdminKeys.verify(backend.instanceName, backend.secret, adminKey);
    return check.valid()
        ? new AdminKeyStatus.Accepted(
            check.readOnly(), check.readOnly() ? READ_ONLY_OPERATIONS : List.of())
        : new AdminKeyStatus.Rejected(
            401, "BadAdminKey", "The provided admin key was invalid for this instance");
  }

  @Override
  public SortedMap<String, String> listEnvironmentVariables() {
    authorize(false);
    return new TreeMap<>(backend.env);
  }

  @Override
  public void updateEnvironmentVariables(List<EnvChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    ConvexApiRequests.updateEnvironmentVariables(changes);
    authorize(true);
    for (EnvChange change : changes) {
      if (change.isDelete()) {
        backend.env.remove(change.name());
      } else {
        backend.env.put(change.name(), change.value());
      }
    }
  }

  @Override
  public void updateCanonicalUrl(CanonicalUrlDestination destination, String url) {
    authorize(true);
    backend.canonicalUrls.put(destination, url);
  }

  private void authorize(boolean write) {
    AdminKeyStatus status = checkAdminKey();
    if (status instanceof AdminKeyStatus.Rejected rejected) {
      throw new ConvexApiException(
          Diagnostic.error(null, null, "in-memory backend answered 401 BadAdminKey"),
          rejected.status(),
          rejected.code(),
          rejected.message());
    }
    if (write && ((AdminKeyStatus.Accepted) status).readOnly()) {
      throw new ConvexApiException(
          Diagnostic.error(null, null, "in-memory backend answered 403 OperationNotPermitted"),
          403,
          "OperationNotPermitted",
          "read-only key");
    }
  }
}
