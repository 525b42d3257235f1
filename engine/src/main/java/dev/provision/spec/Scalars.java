package dev.provision.spec;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Reads the text of YAML 1.1 scalars that SnakeYAML's resolver typed as integer, float or boolean
 * (it accepts {@code 1_000}, {@code 0x1F}, {@code 017}, {@code yes}). Pure.
 */
final class Scalars {
  private Scalars() {}

  /** The integer value, or null when the text is not a YAML integer that fits in a long. */
  static Long toLong(String text) {
    String t = text.replace("_", "");
    boolean negative = t.startsWith("-");
    if (t.startsWith("-") || t.startsWith("+")) {
      t = t.substring(1);
    }
    try {
      BigInteger value;
      if (t.contains(":")) {
        value = BigInteger.ZERO;
        for (String part : t.split(":")) {
          value = value.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
        }
      } else if (t.startsWith("0x")) {
        value = new BigInteger(t.substring(2), 16);
      } else if (t.startsWith("0b")) {
        value = new BigInteger(t.substring(2), 2);
      } else if (t.startsWith("0o")) {
        value = new BigInteger(t.substring(2), 8);
      } else if (t.length() > 1 && t.startsWith("0")) {
        value = new BigInteger(t.substring(1), 8);
      } else {
        value = new BigInteger(t);
      }
      value = negative ? value.negate() : value;
      return value.bitLength() < 64 ? value.longValue() : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The value of a YAML 1.1 boolean word. */
  static boolean toBoolean(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return t.equals("true") || t.equals("yes") || t.equals("on");
  }

  /** The float value, or null for text Java cannot read ({@code .inf}, {@code .nan}). */
  static Double toDouble(String text) {
    try {
      return Double.valueOf(text.replace("_", ""));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
