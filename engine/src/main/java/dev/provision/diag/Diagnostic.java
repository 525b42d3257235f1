package dev.provision.diag;

/**
 * One problem found in user input or on a target, described so that a person can fix it without
 * reading code: where it is, the YAML path, what was expected, what was found and what to do.
 *
 * <p>Any field but {@code severity} and {@code message} may be null. Never put a secret value in
 * any field.
 */
public record Diagnostic(
    Severity severity,
    SourcePosition position,
    String path,
    String message,
    String expected,
    String found,
    String hint) {

  /** Longest field shown by {@link #render()}, in characters after escaping. */
  public static final int MAX_FIELD = 400;

  public static Diagnostic error(SourcePosition position, String path, String message) {
    return new Diagnostic(Severity.ERROR, position, path, message, null, null, null);
  }

  public static Diagnostic warning(SourcePosition position, String path, String message) {
    return new Diagnostic(Severity.WARNING, position, path, message, null, null, null);
  }

  public Diagnostic withExpected(String value) {
    return new Diagnostic(severity, position, path, message, value, found, hint);
  }

  public Diagnostic withFound(String value) {
    return new Diagnostic(severity, position, path, message, expected, value, hint);
  }

  public Diagnostic withHint(String value) {
    return new Diagnostic(severity, position, path, message, expected, found, value);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * The exact text shown to a user: a first line {@code FILE:LINE:COL: error: MESSAGE} followed by
   * indented {@code at}, {@code expected}, {@code found} and {@code hint} lines when present. Every
   * field is escaped ({@link Quote}) and cut at {@value #MAX_FIELD} characters, so no input quoted
   * in it can move the cursor, recolour the terminal or flood the screen.
   */
  public String render() {
    StringBuilder out = new StringBuilder();
    if (position != null) {
      out.append(Quote.escape(position.toString())).append(": ");
    }
    out.append(severity.word()).append(": ").append(shown(message));
    line(out, "at", path);
    line(out, "expected", expected);
    line(out, "found", found);
    line(out, "hint", hint);
    return out.toString();
  }

  /** Each line of a field escaped and cut; line breaks the engine wrote on purpose stay. */
  private static String shown(String value) {
    StringBuilder out = new StringBuilder();
    String[] lines = value.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      out.append(i == 0 ? "" : "\n").append(Quote.cut(lines[i], MAX_FIELD));
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String label, String value) {
    if (value != null && !value.isEmpty()) {
      out.append('\n').append("  ").append(label).append(": ").append(shown(value));
    }
  }
}
