package dev.provision.desired;

import dev.provision.model.Value;
import java.util.Optional;

/**
 * The secrets a desired state needs, as far as they are known. When planning without a target
 * (against nothing or an older spec) generated secrets are not known yet: the compiler then uses
 * {@link #UNKNOWN}, which compares equal to itself, so planning a spec against itself stays empty.
 *
 * @param instanceSecret 64 hex chars
 * @param postgresPassword the managed Postgres password, when the spec does not give one
 * @param jwtPrivateKey JWT_PRIVATE_KEY in its env var form
 * @param jwks the public half of {@code jwtPrivateKey}
 */
public record SecretValues(
    Optional<Value> instanceSecret,
    Optional<Value> postgresPassword,
    Optional<Value> jwtPrivateKey,
    Optional<Value> jwks) {

  /** Placeholder for a secret that will be generated (or adopted) by apply. */
  public static final Value UNKNOWN = Value.secret("(known after apply)");

  public static SecretValues unknown() {
    return new SecretValues(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  Value instanceSecretOrUnknown() {
    return instanceSecret.map(Value::asSensitive).orElse(UNKNOWN);
  }

  Value postgresPasswordOrUnknown() {
    return postgresPassword.map(Value::asSensitive).orElse(UNKNOWN);
  }

  Value jwtPrivateKeyOrUnknown() {
    return jwtPrivateKey.map(Value::asSensitive).orElse(UNKNOWN);
  }

  Value jwksOrUnknown() {
    return jwks.map(Value::asSensitive).orElse(UNKNOWN);
  }

  /**
   * True when both hold the same values (text, sensitivity and references), so that compiling the
   * same spec with either gives the same desired state. Compared field by field: a record's own
   * {@code equals} costs a bootstrap on its first call.
   */
  public boolean sameAs(SecretValues other) {
    return same(instanceSecret, other.instanceSecret)
        && same(postgresPassword, other.postgresPassword)
        && same(jwtPrivateKey, other.jwtPrivateKey)
        && same(jwks, other.jwks);
  }

  private static boolean same(Optional<Value> a, Optional<Value> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() == b.isEmpty();
    }
    return a.get().sameAs(b.get()) && a.get().sensitive() == b.get().sensitive();
  }
}
