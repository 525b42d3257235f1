package dev.provision.cli;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where exceptions become messages and exit codes. A user mistake prints its
 * diagnostics and exits 1, never with a stack trace; anything else is a bug and says so (with the
 * stack trace only when PROVISION_DEBUG is set).
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private final Cli cli;

  ErrorReporter(Cli cli) {
    this.cli = cli;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine line, ParseResult parsed) {
    return report(ex, cli);
  }

  /**
   * Prints {@code ex} as a user error (its diagnostics) or an internal one to {@code cli}'s error
   * stream and returns the exit code; also used for each deployment of a several-spec run.
   */
  static int report(Exception ex, Cli cli) {
    if (ex instanceof ProvisionException pe) {
      for (Diagnostic d : pe.diagnostics()) {
        cli.err().println(d.render());
      }
      cli.err().flush();
      return ExitCodes.ERROR;
    }
    cli.err()
        .println(
            "internal error: "
                + ex.getClass().getSimpleName()
                + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
    cli.err()
        .println(
            "  hint: this is a bug in provision; run again with PROVISION_DEBUG=1 for details and report it");
    if (cli.env().containsKey("PROVISION_DEBUG")) {
      ex.printStackTrace(cli.err());
    }
    cli.err().flush();
    return ExitCodes.ERROR;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine line = ex.getCommandLine();
    cli.err().println("error: " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, cli.err());
    cli.err().println("  hint: see `" + line.getCommandSpec().qualifiedName() + " --help`");
    cli.err().flush();
    return ExitCodes.ERROR;
  }
}
