package dev.provision.driver.convex;

import java.util.List;
import java.util.Objects;

/**
 * One admin API request as data, built by {@link ConvexApiRequests} and sent by {@link
 * HttpConvexAdminApi}. The body may hold secrets (env values), so {@link #toString()} shows only
 * the method and path, and {@code redact} lists the strings an error message must never show.
 *
 * @param method GET or POST
 * @param path the path below the base URI, starting with '/'
 * @param body the JSON body, or null for none
 * @param admin whether the request sends the admin key
 * @param redact values sent in the body that must not appear in error messages
 */
public record ApiRequest(
    String method, String path, String body, boolean admin, List<String> redact) {

  public ApiRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    redact = List.copyOf(redact);
  }

  /** Method and path, e.g. {@code GET /version}; never the body. */
  public String describe() {
    return method + " " + path;
  }

  @Override
  public String toString() {
    return describe();
  }
}
