package dev.provision.cli;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * How one deployment of a several-spec run ended: what it printed (kept apart so blocks never
 * interleave), its exit code, how many changes it had and how long it took.
 *
 * @param changes the changes planned, applied or pending; empty when unknown or not counted
 */
record FleetOutcome(
    FleetMember member,
    Result result,
    int exitCode,
    OptionalInt changes,
    Duration took,
    String out,
    String err) {

  /** The word for how a deployment ended, in the summary and the JSON document. */
  enum Result {
    OK("ok"),
    CHANGES("changes"),
    FAILED("failed"),
    INTERRUPTED("interrupted"),
    SKIPPED("skipped");

    private final String word;

    Result(String word) {
      this.word = word;
    }

    String word() {
      return word;
    }

    /** The result an exit code stands for. */
    static Result of(int exitCode) {
      return switch (exitCode) {
        case ExitCodes.OK -> OK;
        case ExitCodes.CHANGES -> CHANGES;
        case ExitCodes.SIGINT, ExitCodes.SIGTERM -> INTERRUPTED;
        default -> FAILED;
      };
    }
  }

  /** A member that was never started (after a failure with --fail-fast, or a signal). */
  static FleetOutcome skipped(FleetMember member) {
    return new FleetOutcome(
        member, Result.SKIPPED, ExitCodes.OK, OptionalInt.empty(), Duration.ZERO, "", "");
  }

  /** True when this one counts as a failure for --fail-fast: an error or a signal. */
  boolean failed() {
    return result == Result.FAILED || result == Result.INTERRUPTED;
  }
}
