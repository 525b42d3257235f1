package dev.provision.driver.convex;

import java.util.List;
import java.util.SortedMap;

/**
 * The few calls the engine makes to a running Convex backend (port 3210). The narrow interface the
 * planner and the steps depend on; {@link HttpConvexAdminApi} is the real one, tests may use a
 * double. Every failure is a {@link ConvexApiException} (an answer) or a {@link
 * dev.provision.diag.ProvisionException} (no answer); neither ever carries the admin key or an env
 * value.
 */
public interface ConvexAdminApi {

  /** {@code GET /version}: the backend's version as plain text (no admin key needed). */
  String version();

  /** {@code GET /instance_name}: the name the backend runs under (no admin key needed). */
  String instanceName();

  /**
   * {@code GET /api/check_admin_key}: whether the backend accepts the admin key. A refusal (401 or
   * 403 with a code such as {@code BadAdminKey}) is a {@link AdminKeyStatus.Rejected} result, not
   * an exception.
   */
  AdminKeyStatus checkAdminKey();

  /** {@code GET /api/v1/list_environment_variables}: the deployment env vars by name. */
  SortedMap<String, String> listEnvironmentVariables();

  /**
   * {@code POST /api/v1/update_environment_variables}: sets and deletes deployment env vars in one
   * request (all or nothing on the backend). Does nothing for an empty list.
   */
  void updateEnvironmentVariables(List<EnvChange> changes);

  /** {@code POST /api/v1/update_canonical_url}: the public URL the backend reports for itself. */
  void updateCanonicalUrl(CanonicalUrlDestination destination, String url);
}
