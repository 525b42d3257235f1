package dev.provision.cli;

import dev.provision.engine.AdminKeyService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code provision admin-key generate}: a key from a name and secret given by hand. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Print a new admin key for a backend, from its instance name and secret (only the key, one"
          + " line). Touches no target: the key is made locally, the way the backend makes one.",
      "The secret comes from --instance-secret, --instance-secret-file or the environment variable "
          + InstanceSecretOptions.ENV
          + "."
    })
final class AdminKeyGenerateCommand implements Callable<Integer> {
  @ParentCommand AdminKeyCommand parent;
  @Mixin InstanceSecretOptions instance;

  @Option(names = "--read-only", description = "Issue a key that may only read.")
  boolean readOnly;

  @Override
  public Integer call() {
    Cli cli = parent.main.cli;
    InstanceSecretOptions.Secret secret = instance.secret(cli);
    cli.out()
        .println(AdminKeyService.issue(instance.name, secret.text(), secret.where(), readOnly));
    cli.out().flush();
    return ExitCodes.OK;
  }
}
