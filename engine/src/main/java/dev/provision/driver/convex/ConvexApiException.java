package dev.provision.driver.convex;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;

/**
 * The backend answered an admin API call with an error status. Carries the status and the backend's
 * {@code code} and {@code message} (with the admin key and sent values removed) so that callers can
 * react to a code such as {@code BadAdminKey}; renders as a diagnostic with a hint.
 */
public final class ConvexApiException extends ProvisionException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final String backendMessage;
  private final boolean imageTooOld;

  public ConvexApiException(Diagnostic diagnostic, int status, String code, String backendMessage) {
    this(diagnostic, status, code, backendMessage, false);
  }

  /**
   * @param imageTooOld whether the answer shows a backend older than provision supports (404 on an
   *     env var endpoint)
   */
  public ConvexApiException(
      Diagnostic diagnostic, int status, String code, String backendMessage, boolean imageTooOld) {
    super(diagnostic);
    this.status = status;
    this.code = code;
    this.backendMessage = backendMessage;
    this.imageTooOld = imageTooOld;
  }

  /** Whether the backend predates the env var API (2025-08-28): it must be upgraded. */
  public boolean imageTooOld() {
    return imageTooOld;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The backend's error code, or null when the answer had none. */
  public String code() {
    return code;
  }

  /** The backend's message (redacted), or null. */
  public String backendMessage() {
    return backendMessage;
  }
}
