package dev.provision.exec.ready;

/**
 * One answer of a readiness check.
 *
 * @param detail what the check saw, for an error message, e.g. {@code HTTP 503: starting}
 */
public record CheckAnswer(boolean ready, String detail) {
  public static CheckAnswer ready(String detail) {
    return new CheckAnswer(true, detail);
  }

  public static CheckAnswer notYet(String detail) {
    return new CheckAnswer(false, detail);
  }
}
