package dev.provision.cli;

import dev.provision.diag.ProvisionException;
import dev.provision.engine.AdminKeyService;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The instance name and secret of the {@code admin-key generate} and {@code verify} commands. The
 * secret comes from exactly one of --instance-secret, --instance-secret-file, or the environment
 * variable CONVEX_INSTANCE_SECRET (in that order); it is never printed.
 */
final class InstanceSecretOptions {
  static final String ENV = "CONVEX_INSTANCE_SECRET";

  @Option(
      names = "--instance-name",
      required = true,
      paramLabel = "NAME",
      description = "The backend's INSTANCE_NAME (the spec's deployment), e.g. convex-self-hosted.")
  String name;

  @Option(
      names = "--instance-secret",
      paramLabel = "HEX",
      description =
          "The backend's INSTANCE_SECRET (64 hex digits). A secret on the command line"
              + " lands in shell history and the process list: prefer --instance-secret-file or"
              + " the environment variable "
              + ENV
              + ".")
  String secret;

  @Option(
      names = "--instance-secret-file",
      paramLabel = "FILE",
      description =
          "Read the secret from FILE (the 64 hex digits, e.g. a copy of"
              + " /convex/data/credentials/instance_secret).")
  Path secretFile;

  /** What the secret is, for messages. */
  record Secret(String text, String where) {
    @Override
    public String toString() {
      return "Secret[(sensitive) from " + where + "]";
    }
  }

  Secret secret(Cli cli) {
    if (secret != null && secretFile != null) {
      throw ProvisionException.of(
          "both --instance-secret and --instance-secret-file are given",
          "give the secret once (prefer --instance-secret-file)");
    }
    if (secret != null) {
      return new Secret(secret, "--instance-secret");
    }
    if (secretFile != null) {
      return new Secret(AdminKeyService.readSecretFile(secretFile), secretFile.toString());
    }
    String env = cli.env().get(ENV);
    if (env != null && !env.isBlank()) {
      return new Secret(env, ENV);
    }
    throw ProvisionException.of(
        "no instance secret given",
        "pass --instance-secret-file FILE, set "
            + ENV
            + ", or pass --instance-secret HEX"
            + " (it lands in shell history)");
  }
}
