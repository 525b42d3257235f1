package dev.provision.exec;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import java.util.stream.Collectors;

/** Turns a failure into one line of text for the journal and results. */
final class Failures {
  private Failures() {}

  /**
   * The diagnostics' messages for a {@link ProvisionException}; otherwise the exception's type and
   * message (an unexpected exception is a bug, and its type helps find it).
   */
  static String describe(Throwable error) {
    if (error instanceof ProvisionException p && !p.diagnostics().isEmpty()) {
      return p.diagnostics().stream().map(Diagnostic::message).collect(Collectors.joining("; "));
    }
    String message = error.getMessage();
    String type = error.getClass().getSimpleName();
    return message == null ? type : type + ": " + message;
  }
}
