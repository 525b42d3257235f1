package dev.provision.cli;

import dev.provision.diag.ProvisionException;
import dev.provision.engine.FunctionsStatus;
import dev.provision.engine.LiveSession;
import dev.provision.exec.StopRequest;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Prints a functions push: a heading, then each line of the Convex CLI's output as the engine
 * passes it on (already masked; {@link Cli#out()} masks again), then the pushed hash.
 */
final class FunctionsOutput {
  private FunctionsOutput() {}

  /**
   * Runs the session's push with Ctrl-C and SIGTERM ending it (see {@link Interrupts}); returns the
   * exit code: OK when pushed, 130 or 143 when a signal stopped it (its message printed). A failed
   * push throws.
   */
  static int push(Cli cli, LiveSession session) {
    return push(cli, (lines, stop) -> cli.engine().deployFunctions(session, lines, stop));
  }

  /** A push: output lines to a listener, ended by a stop request; returns the hash pushed. */
  interface Push {
    String run(Consumer<String> lines, StopRequest stop);
  }

  static int push(Cli cli, Push push) {
    cli.out().println();
    cli.out().println("Pushing functions (npx convex deploy):");
    cli.out().flush();
    String hash;
    try (Interrupts interrupts = Interrupts.installForPush(cli)) {
      try {
        hash =
            push.run(
                line -> {
                  cli.out().println("  " + line);
                  cli.out().flush();
                },
                interrupts.stop());
      } catch (ProvisionException e) {
        Thread.interrupted(); // spent: reporting must not see it
        if (interrupts.exitCode().isEmpty()) {
          throw e;
        }
        e.diagnostics().forEach(d -> cli.err().println(d.render()));
        cli.err().flush();
        return interrupts.exitCode().getAsInt();
      }
    }
    cli.out().println("functions.deploy: done (" + hash.substring(0, 12) + ")");
    cli.out().flush();
    return ExitCodes.OK;
  }

  /** One line for {@code status}: what the backend runs and whether it is the app here. */
  static void status(PrintWriter out, FunctionsStatus f) {
    out.println("Functions: " + describe(f));
    if (!f.missingTools().isEmpty()) {
      out.println("  " + missingTools(f));
    }
  }

  /** Says which Node tools are missing here, and what needs them. */
  static String missingTools(FunctionsStatus f) {
    return String.join(", ", f.missingTools())
        + (f.missingTools().size() == 1 ? " is" : " are")
        + " not found on PATH: plan, apply and deploy-functions need Node.js 20 or later to push"
        + " the functions";
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
