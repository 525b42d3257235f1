package dev.provision.model;

import java.util.List;

/**
 * Convex Auth (@convex-dev/auth). When enabled the engine generates the JWT key pair once and sets
 * JWT_PRIVATE_KEY, JWKS, SITE_URL and each provider's AUTH_* variables.
 *
 * @param siteUrl the FRONTEND's URL (OAuth redirects, magic links)
 */
public record Auth(boolean enabled, String siteUrl, List<AuthProvider> providers) {
  public static Auth disabled() {
    return new Auth(false, null, List.of());
  }
}
