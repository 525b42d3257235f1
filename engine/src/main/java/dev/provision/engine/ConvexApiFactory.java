package dev.provision.engine;

import dev.provision.driver.convex.ConvexAdminApi;
import dev.provision.driver.convex.HttpConvexAdminApi;
import java.net.URI;
import java.time.Duration;

/**
 * Opens a Convex admin API client for a backend URL and an admin key (null for the calls that need
 * none). The seam through which tests give {@link Doctor} an in-memory backend.
 */
@FunctionalInterface
public interface ConvexApiFactory {
  ConvexAdminApi open(URI base, String adminKey);

  /** The HTTP client with short deadlines: a diagnosis should not hang on a dead backend. */
  static ConvexApiFactory http() {
    return (base, key) ->
        new HttpConvexAdminApi(base, key, Duration.ofSeconds(5), Duration.ofSeconds(10));
  }
}
