package dev.provision.diag;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one exception the engine throws for a problem a user can fix (bad input, an unreachable
 * target, a failed step). It carries diagnostics; the CLI turns it into text and exit code 1.
 * Anything else that escapes the engine is a bug.
 */
public class ProvisionException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Diagnostic> diagnostics;

  public ProvisionException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::render).collect(Collectors.joining("\n")));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public ProvisionException(Diagnostic diagnostic) {
    this(List.of(diagnostic));
  }

  public ProvisionException(Diagnostic diagnostic, Throwable cause) {
    super(diagnostic.render(), cause);
    this.diagnostics = List.of(diagnostic);
  }

  /** A target-side error with no source position: what failed and what to do. */
  public static ProvisionException of(String message, String hint) {
    return new ProvisionException(Diagnostic.error(null, null, message).withHint(hint));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
