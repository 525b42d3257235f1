package dev.provision.diag;

/**
 * Makes text read from input safe to show in a terminal, a pull-request comment or a log: control
 * characters (ANSI escapes among them), invisible line breaks and bidirectional overrides become
 * visible escapes ({@code \e}, {@code \n}, {@code \u2028}), and {@link #of} cuts the result at
 * {@value #MAX} characters. Every place that quotes user input in a message goes through here.
 * Display only; never used to decide anything.
 */
public final class Quote {
  /** Longest quoted input shown, in characters after escaping. */
  public static final int MAX = 80;

  private Quote() {}

  /** The text escaped and cut at {@value #MAX} characters, saying how long it was when cut. */
  public static String of(String text) {
    if (text == null) {
      return null;
    }
    return cut(text, MAX);
  }

  /** The text escaped and cut at {@code max} characters (after escaping). */
  public static String cut(String text, int max) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      String piece = escape(cp);
      if (out.length() + piece.length() > max) {
        return out + "... (" + text.codePointCount(0, text.length()) + " characters)";
      }
      out.append(piece);
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  /** The text with every unsafe character escaped, not cut. */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (unsafe(cp)) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(escape(cp));
      } else if (out != null) {
        out.append(text, i, next);
      }
      i = next;
    }
    return out == null ? text : out.toString();
  }

  /** True for characters that can move the cursor, recolour, hide text or reorder it. */
  public static boolean unsafe(int cp) {
    return cp < 0x20
        || (cp >= 0x7F && cp <= 0x9F)
        || cp == 0x2028
        || cp == 0x2029
        || (cp >= 0x200B && cp <= 0x200F)
        || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0xFEFF;
  }

  private static String escape(int cp) {
    if (!unsafe(cp)) {
      return new String(Character.toChars(cp));
    }
    switch (cp) {
      case 0x1B:
        return "\\e";
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      case 0:
        return "\\0";
      default:
        return String.format("\\u%04x", cp);
    }
  }
}
