package dev.provision.cli;

/** The documented exit codes (README, "Exit codes"). */
final class ExitCodes {
  /** Success; for plan, also "no changes". */
  static final int OK = 0;

  /** An error: bad input, an unreachable target, a failed (and rolled back) apply. */
  static final int ERROR = 1;

  /** With --detailed-exitcode: the plan has changes. */
  static final int CHANGES = 2;

  /** An apply or destroy stopped by Ctrl-C (SIGINT) and rolled back: 128 + 2. */
  static final int SIGINT = 130;

  /** An apply or destroy stopped by SIGTERM (a CI cancellation) and rolled back: 128 + 15. */
  static final int SIGTERM = 143;

  private ExitCodes() {}
}
