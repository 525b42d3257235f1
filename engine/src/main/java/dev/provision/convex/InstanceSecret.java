package dev.provision.convex;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Convex instance secret: 32 bytes written as exactly 64 lowercase hex digits, the only form the
 * backend starts with. It signs every admin key, so it is never shown: {@link #toString()} masks it
 * and no error message contains it.
 */
public final class InstanceSecret {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] bytes;

  private InstanceSecret(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A fresh random secret. */
  public static InstanceSecret generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new InstanceSecret(bytes);
  }

  /** Whether text is a well-formed secret (64 hex digits, either case). */
  public static boolean isValid(String text) {
    return text != null && HEX64.matcher(text).matches();
  }

  /**
   * Reads a secret; surrounding whitespace (a trailing newline from a file) is ignored.
   *
   * @param where what the value is, for the message (a YAML path or a file name)
   * @throws ProvisionException when it is not 64 hex digits; the message gives the length found,
   *     never the value
   */
  public static InstanceSecret parse(String text, String where) {
    String trimmed = text == null ? "" : text.strip();
    if (!isValid(trimmed)) {
      throw new ProvisionException(
          Diagnostic.error(null, where, "the Convex instance secret is not 64 hex digits")
              .withExpected("exactly 64 characters 0-9 a-f (32 bytes)")
              .withFound(describe(trimmed))
              .withHint(
                  "generate one with `openssl rand -hex 32`, or leave it out and provision"
                      + " generates and keeps one; the backend refuses to start with any other"
                      + " form"));
    }
    return new InstanceSecret(HexFormat.of().parseHex(trimmed.toLowerCase(Locale.ROOT)));
  }

  private static String describe(String text) {
    if (text.isEmpty()) {
      return "an empty value";
    }
    long nonHex = text.chars().filter(c -> Character.digit(c, 16) < 0).count();
    return text.length()
        + " characters"
        + (nonHex == 0 ? "" : ", " + nonHex + " of them not hex digits");
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The 64 lowercase hex digits, for INSTANCE_SECRET and the secrets file only. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InstanceSecret that
        && java.security.MessageDigest.isEqual(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "InstanceSecret(sensitive)";
  }
}
