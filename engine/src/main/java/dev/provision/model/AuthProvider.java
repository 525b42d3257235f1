package dev.provision.model;

import java.util.Locale;

/**
 * One Convex Auth provider. Which fields are set depends on the type: OAuth providers have a client
 * id and secret, OIDC adds an issuer, email providers (resend) have an API key.
 *
 * @param id the provider id as the app names it (github, google, my-okta)
 */
public record AuthProvider(
    String id, Type type, Value clientId, Value clientSecret, String issuer, Value apiKey) {

  /** Provider kinds. */
  public enum Type {
    GITHUB,
    GOOGLE,
    APPLE,
    RESEND,
    OIDC
  }

  /** The id as it appears in env var names: upper-cased, '-' replaced by '_'. */
  public String envId() {
    return id.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
