package dev.provision.cli;

import dev.provision.engine.AuthConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code provision auth-config SPEC}: what the app needs for Convex Auth that provision cannot set
 * on the backend: {@code convex/auth.config.ts} and the OAuth callback URLs to register.
 */
@Command(
    name = "auth-config",
    mixinStandardHelpOptions = true,
    description =
        "Print the app's convex/auth.config.ts for the spec's auth section and the OAuth"
            + " callback URL to register with each provider. Touches no target.")
final class AuthConfigCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin SpecOptions options;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file.")
  Path spec;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the file (e.g. convex/auth.config.ts) instead of printing it.")
  Path out;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    AuthConfig config = cli.engine().authConfig(spec, options.sets);
    if (out == null) {
      cli.out().println("// convex/auth.config.ts");
      cli.out().print(config.fileContent());
    } else {
      config.write(out);
      cli.out().println("wrote " + out);
    }
    cli.out().println();
    if (config.callbackUrls().isEmpty()) {
      cli.out().println("No OAuth providers: no callback URL to register.");
    } else {
      cli.out().println("Register these OAuth callback URLs with the providers:");
      for (Map.Entry<String, String> e : config.callbackUrls().entrySet()) {
        cli.out().println("  " + e.getKey() + ": " + e.getValue());
      }
    }
    cli.out().println("Users come back to SITE_URL " + config.siteUrl() + " after signing in.");
    cli.out().flush();
    return ExitCodes.OK;
  }
}
