package dev.provision.cli;

import dev.provision.diag.Diagnostic;
import dev.provision.engine.EnvFileResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code provision env-file SPEC}: writes the app's .env.local with the backend URL and a fresh
 * admin key (0600), removing CONVEX_DEPLOYMENT and keeping the user's other lines.
 */
@Command(
    name = "env-file",
    mixinStandardHelpOptions = true,
    description = {
      "Write the app's env file (outputs.envFile, else --out) with CONVEX_SELF_HOSTED_URL and a"
          + " fresh CONVEX_SELF_HOSTED_ADMIN_KEY, mode 0600. Removes a CONVEX_DEPLOYMENT line (the"
          + " Convex CLI refuses it) and keeps every other line.",
      "The key is issued from the secret apply uses: the spec's reference, else the running"
          + " backend, else the secrets file."
    })
final class EnvFileCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin SpecOptions options;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file.")
  Path spec;

  @Option(
      names = "--out",
      paramLabel = "PATH",
      description = "The file to write when the spec has no outputs.envFile, e.g. .env.local.")
  Path out;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    EnvFileResult result = cli.engine().writeEnvFile(spec, options.sets, out);
    for (Diagnostic warning : result.warnings()) {
      cli.err().println(warning.render());
    }
    cli.out().println("wrote " + result.path() + " (mode 0600)");
    cli.out().println("  CONVEX_SELF_HOSTED_URL=" + result.url());
    cli.out().println("  CONVEX_SELF_HOSTED_ADMIN_KEY: a new key from " + result.secretSource());
    for (String removed : result.removed()) {
      cli.out()
          .println(
              "  removed "
                  + removed
                  + " (the Convex CLI refuses it next to"
                  + " CONVEX_SELF_HOSTED_URL)");
    }
    cli.out().flush();
    cli.err().flush();
    return ExitCodes.OK;
  }
}
