package dev.provision.cli;

import dev.provision.engine.Engine;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code provision} command: wires the engine and the commands, and turns every exception into
 * a message and an exit code in one place ({@link ErrorReporter}). Nothing else calls System.exit.
 */
@Command(
    name = "provision",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Sets up and keeps self-hosted Convex deployments correct from one YAML spec.")
public final class Main implements Runnable {
  final Cli cli;

  Main(Cli cli) {
    this.cli = cli;
  }

  @Override
  public void run() {
    Subcommands.commandLine(this, new String[0]).usage(cli.out());
  }

  public static void main(String[] args) {
    if (args.length > 0 && !args[0].startsWith("-")) {
      // a subcommand, which reads a spec: its YAML, schema and Docker client load on the other
      // core while picocli builds the command line on this one (no Docker client for a command
      // that reaches no target)
      dev.provision.engine.Preparation.startInBackground(Subcommands.reachesTarget(args));
    }
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code;
    try {
      code = run(args, out, err, System.getenv(), System.console() != null);
      out.flush();
      err.flush();
    } finally {
      ArchiveClasses.loadForArchive(); // only on the launcher's run that writes the archive
    }
    System.exit(code);
  }

  /** Runs one command line and returns its exit code; used by tests with captured streams. */
  public static int run(
      String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, boolean terminal) {
    boolean color = dev.provision.cli.view.ColorChoice.enabled(terminal, env);
    Engine engine = new Engine(env, new Drivers(env, ConsolePassphrase.forTerminal(terminal)));
    PrintWriter safeOut = RedactingWriter.wrap(out, engine::sensitive);
    PrintWriter safeErr = RedactingWriter.wrap(err, engine::sensitive);
    Cli cli = new Cli(safeOut, safeErr, env, color, engine, terminal);
    CommandLine line = Subcommands.commandLine(new Main(cli), args);
    line.setOut(safeOut);
    line.setErr(safeErr);
    ErrorReporter reporter = new ErrorReporter(cli);
    line.setExecutionExceptionHandler(reporter);
    line.setParameterExceptionHandler(reporter);
    try {
      return line.execute(args);
    } finally {
      safeOut.flush();
      safeErr.flush();
    }
  }
}
