package dev.provision.postgres;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding for the user and password of a URL and for JDBC URL parameters.
 *
 * <p>Encoding keeps only the unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) literal and writes
 * every other UTF-8 byte as {@code %XX} (upper-case hex). That is stricter than RFC 3986 userinfo
 * needs (it would allow sub-delimiters), and every URL parser decodes it the same way. Not a
 * general URL encoder: no {@code +} for spaces, ever.
 */
final class PercentEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentEncoding() {}

  /** Encodes everything but the unreserved characters. */
  static String encode(String text) {
    return encode(text, "");
  }

  /** Encodes everything but the unreserved characters and those in {@code alsoLiteral}. */
  static String encode(String text, String alsoLiteral) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (isUnreserved(c) || (c < 0x80 && alsoLiteral.indexOf(c) >= 0)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  /**
   * Decodes {@code %XX} escapes as UTF-8; other characters stay as they are.
   *
   * @throws IllegalArgumentException on a {@code %} not followed by two hex digits, or bytes that
   *     are not UTF-8
   */
  static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '%') {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      if (i + 2 >= text.length() || hex(text.charAt(i + 1)) < 0 || hex(text.charAt(i + 2)) < 0) {
        throw new IllegalArgumentException("'%' must be followed by two hex digits");
      }
      bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException("percent-escapes are not UTF-8 text");
    }
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
