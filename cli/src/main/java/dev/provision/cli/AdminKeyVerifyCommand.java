package dev.provision.cli;

import dev.provision.convex.AdminKeyCheck;
import dev.provision.convex.AdminKeyPayload;
import dev.provision.convex.EnvFileKeys;
import dev.provision.diag.ProvisionException;
import dev.provision.engine.AdminKeyService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code provision admin-key verify KEY}: says whether a backend with this name and secret accepts
 * the key and, when not, why (the usual cause of BadAdminKey is a key from another secret). Judged
 * locally; never prints the secret.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check an admin key against an instance name and secret, locally: exit 0 when a backend with"
          + " them accepts it (a report of the key), 1 when not (why, and what to do).",
      "The secret comes from --instance-secret, --instance-secret-file or the environment variable "
          + InstanceSecretOptions.ENV
          + "."
    })
final class AdminKeyVerifyCommand implements Callable<Integer> {
  static final String KEY_ENV = EnvFileKeys.ADMIN_KEY;

  @ParentCommand AdminKeyCommand parent;
  @Mixin InstanceSecretOptions instance;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "KEY",
      description =
          "The admin key (name|hex); default: the environment variable "
              + KEY_ENV
              + " (a key on the command line lands in shell history like a secret).")
  String key;

  @Override
  public Integer call() {
    Cli cli = parent.main.cli;
    String given = key != null ? key : cli.env().get(KEY_ENV);
    if (given == null || given.isBlank()) {
      throw ProvisionException.of(
          "no admin key given",
          "pass the key as an argument, or set " + KEY_ENV + " (as in .env.local)");
    }
    InstanceSecretOptions.Secret secret = instance.secret(cli);
    AdminKeyCheck check =
        AdminKeyService.verify(instance.name, secret.text(), secret.where(), given);
    if (!check.valid()) {
      cli.err().println(check.toDiagnostic(null).render());
      cli.err().flush();
      return ExitCodes.ERROR;
    }
    report(cli, check);
    if (check.outcome() == AdminKeyCheck.Outcome.VALID_LEGACY) {
      cli.err().println(check.toDiagnostic(null).render());
      cli.err().flush();
    }
    return ExitCodes.OK;
  }

  static void report(Cli cli, AdminKeyCheck check) {
    AdminKeyPayload p = check.payload();
    cli.out()
        .println(
            "valid: a backend named " + check.carriedName() + " with this secret accepts the key");
    cli.out()
        .println("  format:    " + (check.format() == AdminKeyCheck.Format.V1 ? "v1" : "legacy"));
    cli.out().println("  issued at: " + p.issuedAt());
    cli.out()
        .println(
            "  principal: "
                + (p.principal() == AdminKeyPayload.Principal.SYSTEM
                    ? "system"
                    : "member " + p.memberId()));
    cli.out().println("  access:    " + (p.readOnly() ? "read-only" : "read-write"));
    cli.out().flush();
  }
}
