package dev.provision.convex;

import dev.provision.convex.AdminKeyCheck.Outcome;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Judges one admin key in the backend's order (name, hex, version, authentication, contents) and
 * turns each failure into a problem and a hint. Messages name lengths and positions, never the key
 * or the secret.
 */
final class AdminKeyVerifier {
  static final String WRONG_SECRET =
      "the key was issued by a backend with a different INSTANCE_SECRET — the usual cause of"
          + " BadAdminKey after the volume was lost or the secret changed";
  static final String LEGACY = "legacy format, still accepted by current backends; issue a new one";
  private static final String REISSUE =
      "issue a new key from the instance secret (provision does it on apply) and use it instead";
  private static final int MIN_BYTES =
      1 + AdminKeyCipher.NONCE_LENGTH + AdminKeyCipher.TAG_LENGTH + 4;

  private final String instanceName;
  private final byte[] secret;

  AdminKeyVerifier(String instanceName, byte[] secret) {
    this.instanceName = AdminKeys.withoutTypePrefix(instanceName);
    this.secret = secret.clone();
  }

  AdminKeyCheck check(String key) {
    int bar = key == null ? -1 : key.indexOf('|');
    if (bar < 0) {
      return fail(
          Outcome.MISSING_NAME,
          null,
          "the admin key has no '<instance name>|' prefix",
          "write it as '"
              + instanceName
              + "|<hex>': the backend compares the name before '|'"
              + " with its own");
    }
    String carried = AdminKeys.withoutTypePrefix(key.substring(0, bar));
    if (!carried.equals(instanceName)) {
      return wrongInstance(carried);
    }
    String hex = key.substring(bar + 1).strip();
    for (int i = 0; i < hex.length(); i++) {
      if (Character.digit(hex.charAt(i), 16) < 0) {
        return fail(
            Outcome.BAD_HEX,
            carried,
            "the part after '|' is not hexadecimal (first bad character at position "
                + (i + 1)
                + ")",
            "copy the key again: only 0-9 and a-f may follow '|'");
      }
    }
    if (hex.length() % 2 != 0 || hex.length() / 2 < MIN_BYTES) {
      return fail(
          Outcome.WRONG_LENGTH,
          carried,
          "the key has "
              + hex.length()
              + " hex digits after '|', which no admin key has"
              + " (a current key has 74, a read-only one 78)",
          "copy the whole key again: characters were lost or added");
    }
    byte[] bytes = HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT));
    if (bytes[0] != AdminKeyCipher.VERSION) {
      return fail(
          Outcome.UNKNOWN_VERSION,
          carried,
          "the key has format version " + (bytes[0] & 0xff) + "; backends issue version 1",
          REISSUE);
    }
    Optional<byte[]> current = AdminKeyCipher.open(secret, bytes);
    if (current.isPresent()) {
      return decoded(Outcome.VALID, carried, current.get());
    }
    Optional<byte[]> legacy = AdminKeyCipher.openLegacy(secret, bytes);
    if (legacy.isPresent()) {
      return decoded(Outcome.VALID_LEGACY, carried, legacy.get());
    }
    return fail(
        Outcome.WRONG_SECRET,
        carried,
        WRONG_SECRET,
        REISSUE + ", or pin the old INSTANCE_SECRET again if existing keys must keep working");
  }

  private AdminKeyCheck decoded(Outcome outcome, String carried, byte[] plaintext) {
    AdminKeyPayload payload;
    try {
      payload = AdminKeyPayload.decode(plaintext);
    } catch (IllegalArgumentException e) {
      return fail(
          Outcome.MALFORMED_PAYLOAD,
          carried,
          "the key decrypts with this secret but does not hold an admin key: " + e.getMessage(),
          REISSUE);
    }
    if (payload.instanceName() != null
        && !AdminKeys.withoutTypePrefix(payload.instanceName()).equals(instanceName)) {
      return wrongInstance(payload.instanceName());
    }
    if (outcome == Outcome.VALID) {
      return new AdminKeyCheck(outcome, null, null, carried, payload);
    }
    return new AdminKeyCheck(
        outcome, LEGACY, "replace it with a format-1 key (" + REISSUE + ")", carried, payload);
  }

  private AdminKeyCheck wrongInstance(String carried) {
    return fail(
        Outcome.WRONG_INSTANCE,
        carried,
        "the admin key is for instance '" + carried + "', not '" + instanceName + "'",
        "use a key issued for '"
            + instanceName
            + "', or check INSTANCE_NAME: a backend only"
            + " accepts keys that carry its own name");
  }

  private static AdminKeyCheck fail(Outcome outcome, String carried, String problem, String hint) {
    return new AdminKeyCheck(outcome, problem, hint, carried, null);
  }
}
