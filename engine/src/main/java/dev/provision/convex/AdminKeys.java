package dev.provision.convex;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Issues and checks Convex admin keys locally, byte-compatible with the backend (format 1:
 * AES-128-GCM-SIV; legacy secretbox keys are recognised, never issued). A key is {@code <instance
 * name>|<lowercase hex>}. Never logs or returns the secret; callers must treat issued keys as
 * secrets themselves.
 */
public final class AdminKeys {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private AdminKeys() {}

  /** A new member admin key {@code <instanceName>|<hex>} issued now with a random nonce. */
  public static String issue(String instanceName, byte[] secret, boolean readOnly) {
    return issue(instanceName, secret, AdminKeyPayload.member(now(), readOnly), randomNonce());
  }

  /** A new system admin key issued now with a random nonce. */
  public static String issueSystem(String instanceName, byte[] secret, boolean readOnly) {
    return issue(instanceName, secret, AdminKeyPayload.system(now(), readOnly), randomNonce());
  }

  /**
   * A key with a given payload and nonce: deterministic, for tests and known answers.
   *
   * @param nonce exactly 12 bytes; never reuse one in production (use {@link #issue(String, byte[],
   *     boolean)})
   */
  public static String issue(
      String instanceName, byte[] secret, AdminKeyPayload payload, byte[] nonce) {
    Objects.requireNonNull(instanceName, "instanceName");
    if (secret.length != 32) {
      throw new IllegalArgumentException("an instance secret is 32 bytes");
    }
    byte[] bytes = AdminKeyCipher.seal(secret, nonce, payload.encode());
    return instanceName + "|" + HEX.formatHex(bytes);
  }

  /** Convenience for the deterministic member key. */
  public static String issue(
      String instanceName, byte[] secret, long issuedSeconds, byte[] nonce, boolean readOnly) {
    return issue(
        instanceName,
        secret,
        AdminKeyPayload.member(Instant.ofEpochSecond(issuedSeconds), readOnly),
        nonce);
  }

  /**
   * Diagnoses a key against an instance name and secret the way the backend would judge it, and
   * says why a key fails. Never throws for a bad key.
   */
  public static AdminKeyCheck verify(String instanceName, byte[] secret, String key) {
    return new AdminKeyVerifier(instanceName, secret).check(key);
  }

  /**
   * The instance name with an optional {@code type:} prefix dropped, as the backend compares it.
   */
  static String withoutTypePrefix(String name) {
    int colon = name.lastIndexOf(':');
    return colon < 0 ? name : name.substring(colon + 1);
  }

  private static Instant now() {
    return Instant.ofEpochSecond(Instant.now().getEpochSecond());
  }

  private static byte[] randomNonce() {
    byte[] nonce = new byte[AdminKeyCipher.NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    return nonce;
  }
}
