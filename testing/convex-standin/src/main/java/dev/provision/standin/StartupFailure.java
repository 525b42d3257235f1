package dev.provision.standin;

/**
 * TEST STAND-IN ONLY. A reason the stand-in refuses to start, worded like the real backend's start
 * error; {@link StandinMain} prints it and exits with status 1. Not for request-time errors.
 */
public final class StartupFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure with the message to print (never containing a secret). */
  public StartupFailure(String message) {
    super(message);
  }
}
