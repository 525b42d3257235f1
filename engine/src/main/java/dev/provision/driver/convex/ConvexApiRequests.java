package dev.provision.driver.convex;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.convex.BackendContainer;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds the admin API requests as data, checking what the backend would refuse (env var names and
 * sizes) before anything is sent. Pure; no I/O.
 */
public final class ConvexApiRequests {
  /** The backend's rule for env var names. */
  public static final Pattern ENV_NAME = Pattern.compile("^[a-zA-Z_]+[a-zA-Z0-9_]*$");

  /** Names the backend refuses ({@code EnvVarNameForbidden}): they come from the origins. */
  public static final java.util.Set<String> BUILT_IN_NAMES =
      java.util.Set.of(BackendContainer.BUILT_IN_CLOUD_URL, BackendContainer.BUILT_IN_SITE_URL);

  public static final int MAX_NAME_LENGTH = 256;
  public static final int MAX_VALUE_BYTES = 8 * 1024;

  /** Lists the deployment env vars (a GET answering {"environmentVariables": {...}}). */
  public static final String LIST_ENV = "/api/v1/list_environment_variables";

  /** Sets and deletes deployment env vars (a POST of {"changes": [...]}). */
  public static final String UPDATE_ENV = "/api/v1/update_environment_variables";

  /** The env var endpoints; a 404 on them means a backend older than 2025-08-28. */
  static final java.util.Set<String> ENV_VAR_PATHS = java.util.Set.of(LIST_ENV, UPDATE_ENV);

  private static final ObjectMapper JSON = new ObjectMapper();

  private ConvexApiRequests() {}

  public static ApiRequest version() {
    return new ApiRequest("GET", BackendContainer.VERSION_PATH, null, false, List.of());
  }

  public static ApiRequest instanceName() {
    return new ApiRequest("GET", "/instance_name", null, false, List.of());
  }

  public static ApiRequest checkAdminKey() {
    return new ApiRequest("GET", "/api/check_admin_key", null, true, List.of());
  }

  public static ApiRequest listEnvironmentVariables() {
    return new ApiRequest("GET", LIST_ENV, null, true, List.of());
  }

  /**
   * {@code {"changes":[{"name":"N","value":"v"},{"name":"OLD","value":null}]}}, in the given order.
   *
   * @throws dev.provision.diag.ProvisionException naming every variable the backend would refuse
   *     (bad name, name or value too long); never shows a value
   */
  public static ApiRequest updateEnvironmentVariables(List<EnvChange> changes) {
    Diagnostics problems = new Diagnostics();
    ObjectNode body = JSON.createObjectNode();
    ArrayNode list = body.putArray("changes");
    List<String> redact = new ArrayList<>();
    for (EnvChange change : changes) {
      check(change, problems);
      ObjectNode item = list.addObject();
      item.put("name", change.name());
      if (change.isDelete()) {
        item.putNull("value");
      } else {
        item.put("value", change.value());
        redact.add(change.value());
      }
    }
    problems.throwIfErrors();
    return new ApiRequest("POST", UPDATE_ENV, body.toString(), true, redact);
  }

  private static void check(EnvChange change, Diagnostics problems) {
    String name = change.name();
    String path = "env." + name;
    if (name.length() > MAX_NAME_LENGTH || !ENV_NAME.matcher(name).matches()) {
      problems.add(
          Diagnostic.error(null, path, "Convex refuses this env var name")
              .withExpected("letters, digits and '_', not starting with a digit, at most 256")
              .withFound("'" + (name.length() > 60 ? name.substring(0, 60) + "..." : name) + "'"));
    } else if (BUILT_IN_NAMES.contains(name)) {
      problems.add(
          Diagnostic.error(null, path, "Convex refuses to set the built-in env var " + name)
              .withHint(
                  "functions get it from the origin: set `backend.origins."
                      + (name.equals(BackendContainer.BUILT_IN_CLOUD_URL) ? "cloud" : "site")
                      + "` instead"));
    }
    if (!change.isDelete()
        && change.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            > MAX_VALUE_BYTES) {
      problems.add(
          Diagnostic.error(null, path, "the value of " + name + " is longer than Convex allows")
              .withExpected("at most 8 KiB")
              .withHint("keep large data in a file or in storage, not in an env var"));
    }
  }

  /** {@code {"requestDestination":"convexCloud","url":"https://..."}}. */
  public static ApiRequest updateCanonicalUrl(CanonicalUrlDestination destination, String url) {
    ObjectNode body = JSON.createObjectNode();
    body.put("requestDestination", destination.wireName());
    body.put("url", url);
    return new ApiRequest("POST", "/api/v1/update_canonical_url", body.toString(), true, List.of());
  }
}
