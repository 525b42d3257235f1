package dev.provision.cli;

import dev.provision.diag.ProvisionException;
import picocli.CommandLine.Option;

/**
 * The options of a command given several specs: how many run at once, and whether to stop early.
 */
final class FleetOptions {
  /** How many deployments run at once unless told. */
  static final int DEFAULT_PARALLEL = 4;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_PARALLEL,
      description =
          "With several specs: how many deployments run at once (default "
              + DEFAULT_PARALLEL
              + "; 1 = one after another: in the order given, or for apply and destroy in the"
              + " order their locks are taken, by target then deployment; output always comes in"
              + " the order given).")
  int parallel = DEFAULT_PARALLEL;

  @Option(
      names = "--fail-fast",
      description =
          "With several specs: start no new deployment after the first one fails (running ones"
              + " finish; the others are listed as skipped).")
  boolean failFast;

  /** The checked number of deployments that may run at once. */
  int parallel() {
    if (parallel < 1) {
      throw ProvisionException.of(
          "--parallel must be at least 1, found " + parallel,
          "pass --parallel 1 to run the deployments one after another");
    }
    return parallel;
  }
}
