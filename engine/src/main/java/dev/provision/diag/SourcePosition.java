package dev.provision.diag;

/**
 * Where a value was written: a file and a 1-based line and column. Used to point a user at the
 * exact place of a mistake; never used for anything else.
 */
public record SourcePosition(String file, int line, int column) {

  /** Renders as {@code file:line:col}, the form editors and terminals make clickable. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
