package dev.provision.diag;

/** How bad a diagnostic is: an error stops the command, a warning is shown and work goes on. */
public enum Severity {
  ERROR,
  WARNING;

  /** The lower-case word shown after the position, as compilers do. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
