package dev.provision.convex;

import dev.provision.diag.Diagnostic;
import java.util.Objects;

/**
 * The diagnosis of one admin key against an instance name and secret, made locally without asking
 * the backend. It says whether the backend would accept the key and, when not, why and what to do.
 * It never holds the key or the secret.
 *
 * @param outcome what was found
 * @param problem one sentence for a person (null only when the key is a valid current key)
 * @param hint what to do next (null only when the key is a valid current key)
 * @param carriedName the instance name before {@code |} (without a {@code type:} prefix), or null
 * @param payload the decrypted contents when the key authenticated, else null
 */
public record AdminKeyCheck(
    Outcome outcome, String problem, String hint, String carriedName, AdminKeyPayload payload) {

  /** Every way a key can turn out. */
  public enum Outcome {
    /** A current (format 1) key the backend accepts. */
    VALID,
    /** A legacy (secretbox) key: accepted by current backends, but should be replaced. */
    VALID_LEGACY,
    MISSING_NAME,
    WRONG_INSTANCE,
    WRONG_SECRET,
    BAD_HEX,
    WRONG_LENGTH,
    UNKNOWN_VERSION,
    MALFORMED_PAYLOAD
  }

  /** Key formats a backend has used. */
  public enum Format {
    V1,
    LEGACY
  }

  public AdminKeyCheck {
    Objects.requireNonNull(outcome, "outcome");
  }

  /** Whether a current backend with this name and secret accepts the key. */
  public boolean valid() {
    return outcome == Outcome.VALID || outcome == Outcome.VALID_LEGACY;
  }

  /** Whether the key is valid and read-only (false for a key that did not authenticate). */
  public boolean readOnly() {
    return valid() && payload != null && payload.readOnly();
  }

  /** The format of a key that authenticated, or null when it did not. */
  public Format format() {
    return switch (outcome) {
      case VALID -> Format.V1;
      case VALID_LEGACY -> Format.LEGACY;
      default -> null;
    };
  }

  /**
   * One line a person can read: for a valid key its format, issue time, principal and access; else
   * the problem.
   */
  public String summary() {
    if (payload == null || !valid()) {
      return problem;
    }
    String who =
        payload.principal() == AdminKeyPayload.Principal.SYSTEM
            ? "system key"
            : "member " + payload.memberId();
    return String.format(
        "%s admin key for %s, issued %s, %s, %s",
        outcome == Outcome.VALID ? "format 1" : "legacy",
        carriedName,
        payload.issuedAt(),
        who,
        payload.readOnly() ? "read-only" : "read-write");
  }

  /** As a diagnostic: a warning for a legacy key, an error for a rejected key, null when valid. */
  public Diagnostic toDiagnostic(String path) {
    if (outcome == Outcome.VALID) {
      return null;
    }
    Diagnostic base =
        outcome == Outcome.VALID_LEGACY
            ? Diagnostic.warning(null, path, problem)
            : Diagnostic.error(null, path, problem);
    return base.withHint(hint);
  }
}
