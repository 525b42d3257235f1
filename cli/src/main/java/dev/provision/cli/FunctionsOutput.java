package dev.provision.cli;

import dev.provision.engine.LiveSession;

/**
 * Prints a functions push: a heading, then each line of the Convex CLI's output as the engine
 * passes it on (already masked; {@link Cli#out()} masks again), then the pushed hash.
 */
final class FunctionsOutput {
  private FunctionsOutput() {}

  static void push(Cli cli, LiveSession session) {
    cli.out().println();
    cli.out().println("Pushing functions (npx convex deploy):");
    cli.out().flush();
    String hash =
        cli.engine()
            .deployFunctions(
                session,
                line -> {
                  cli.out().println("  " + line);
                  cli.out().flush();
                });
    cli.out().println("functions.deploy: done (" + hash.substring(0, 12) + ")");
    cli.out().flush();
  }
}
