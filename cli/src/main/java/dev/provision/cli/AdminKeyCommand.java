package dev.provision.cli;

import dev.provision.engine.IssuedKey;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code provision admin-key SPEC}: prints an admin key for the spec's deployment, issued locally
 * from the instance secret the engine resolves (the spec's reference, else the running backend,
 * else the secrets file). With {@code generate} or {@code verify}, works from a name and secret
 * given by hand, without a spec.
 */
@Command(
    name = "admin-key",
    mixinStandardHelpOptions = true,
    description = {
      "Print an admin key for the spec's deployment (only the key, on stdout).",
      "The instance secret comes from the spec's secrets.instanceSecret, else the running backend"
          + " (its INSTANCE_SECRET, else the credentials file in its volume), else the secrets file."
    },
    subcommands = {AdminKeyGenerateCommand.class, AdminKeyVerifyCommand.class})
final class AdminKeyCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec command;
  @Mixin SpecOptions options;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "The spec file.")
  Path spec;

  @Option(names = "--read-only", description = "Issue a key that may only read.")
  boolean readOnly;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    if (spec == null) {
      cli.err().println("error: missing SPEC (or one of the commands generate, verify)");
      command.commandLine().usage(cli.err());
      cli.err().flush();
      return ExitCodes.ERROR;
    }
    IssuedKey key = cli.engine().adminKey(spec, options.sets, readOnly);
    cli.out().println(key.key());
    cli.err().println("note: issued from " + key.source() + (readOnly ? " (read-only)" : ""));
    cli.out().flush();
    cli.err().flush();
    return ExitCodes.OK;
  }
}
