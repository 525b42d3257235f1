package dev.provision.cli;

import dev.provision.engine.FunctionsStatus;
import dev.provision.engine.LiveSession;
import java.io.PrintWriter;

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

  /** One line for {@code status}: what the backend runs and whether it is the app here. */
  static void status(PrintWriter out, FunctionsStatus f) {
    out.println("Functions: " + describe(f));
  }

  /** The pushed hash, when, the module count read back, and whether the app here matches. */
  static String describe(FunctionsStatus f) {
    if (f.problem().isPresent()) {
      return "unknown (" + f.problem().get() + ")";
    }
    String modules = f.modules().isPresent() ? f.modules().getAsInt() + " modules" : "";
    if (f.deployed().isEmpty()) {
      return "none pushed by provision (backend runs " + modules + ")";
    }
    var d = f.deployed().get();
    return d.shortHash()
        + " pushed "
        + d.at().map(Object::toString).orElse("(time unknown)")
        + ", "
        + modules
        + (f.current() ? ", matches the app" : "; the app changed since (run apply)");
  }
}
