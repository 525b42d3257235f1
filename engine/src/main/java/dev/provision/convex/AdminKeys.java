package dev.provision.convex;

/**
 * Issues and checks Convex admin keys locally, byte-compatible with the backend (format version 1:
 * AES-128-GCM-SIV). STUB: the real implementation replaces this file.
 */
public final class AdminKeys {
  private AdminKeys() {}

  /** A new admin key {@code <instanceName>|<hex>} issued now with a random nonce. */
  public static String issue(String instanceName, byte[] secret, boolean readOnly) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Diagnoses a key against an instance name and secret. */
  public static AdminKeyCheck verify(String instanceName, byte[] secret, String key) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
