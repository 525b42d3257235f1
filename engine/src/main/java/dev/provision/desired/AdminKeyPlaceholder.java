package dev.provision.desired;

import dev.provision.model.Value;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stands for "an admin key valid for this instance secret" in desired state. Admin keys carry a
 * random nonce and a time, so two valid keys never compare equal; the planner compares this
 * placeholder instead, and an observer maps a key that verifies against the secret to the same
 * placeholder. The placeholder reveals nothing: a truncated SHA-256 of the secret, always
 * sensitive.
 */
public final class AdminKeyPlaceholder {
  private AdminKeyPlaceholder() {}

  public static Value forSecret(Value secret) {
    if (secret.equals(SecretValues.UNKNOWN)) {
      return SecretValues.UNKNOWN;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(secret.text().getBytes(StandardCharsets.UTF_8));
      return secret.derive("admin-key-for:" + HexFormat.of().formatHex(digest, 0, 8), true);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
