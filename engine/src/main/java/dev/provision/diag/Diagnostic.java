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
   * indented {@code at}, {@code expected}, {@code found} and {@code hint} lines when present.
   */
  public String render() {
    StringBuilder out = new StringBuilder();
    if (position != null) {
      out.append(position).append(": ");
    }
    out.append(severity.word()).append(": ").append(message);
    line(out, "at", path);
    line(out, "expected", expected);
    line(out, "found", found);
    line(out, "hint", hint);
    return out.toString();
  }

  private static void line(StringBuilder out, String label, String value) {
    if (value != null && !value.isEmpty()) {
      out.append('\n').append("  ").append(label).append(": ").append(value);
    }
  }
}
