package dev.provision.exec.steps;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.ExecResult;
import dev.provision.driver.HostDriver;
import dev.provision.driver.postgres.ManagedPostgresCommands;
import dev.provision.exec.Applied;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import dev.provision.model.Value;
import java.util.List;

/**
 * Changes the password of the managed Postgres role in the running Postgres container ({@code ALTER
 * ROLE ... PASSWORD} over its local socket, as {@code docker exec psql}). Needed because Postgres
 * reads {@code POSTGRES_PASSWORD} only when it initialises an empty data directory: a new container
 * on the existing volume would keep the old password. The SQL travels in the exec's environment and
 * a pipe, never on a command line; no error shows it.
 *
 * <p>Undo sets the old password again (by then the old container is back under its name). Setting a
 * password that is already set changes nothing, so running it again is safe.
 */
public final class SetPostgresPasswordStep extends BaseStep {
  private final String container;
  private final String user;
  private final Value newPassword;
  private final Value oldPassword;

  /**
   * @param container the Postgres container's name (the one running now)
   * @param user the role whose password changes ({@code POSTGRES_USER})
   */
  public SetPostgresPasswordStep(
      String id,
      List<String> dependsOn,
      String container,
      String user,
      Value newPassword,
      Value oldPassword) {
    super(id, dependsOn);
    this.container = container;
    this.user = user;
    this.newPassword = newPassword;
    this.oldPassword = oldPassword;
  }

  @Override
  public String description() {
    return "set the new password of Postgres role " + user + " in container " + container;
  }

  @Override
  public Applied apply(StepContext context) {
    set(context.host(), newPassword, "setting the new password");
    if (oldPassword == null) {
      return Applied.of(Undo.none("the previous password is not known"));
    }
    return Applied.of(
        Undo.of(
            "set the previous password of Postgres role " + user + " again",
            c -> set(c.host(), oldPassword, "setting the previous password")));
  }

  private void set(HostDriver host, Value password, String doing) {
    ExecResult result =
        host.exec(
            container,
            ManagedPostgresCommands.setPassword(user),
            ManagedPostgresCommands.setPasswordEnv(user, password.text()));
    if (!result.ok()) {
      // psql may quote the statement in its error: show only its first line, masked.
      String first = result.stderr().strip().lines().findFirst().orElse("");
      throw ProvisionException.of(
          "psql in the Postgres container '"
              + container
              + "' failed while "
              + doing
              + " of role "
              + user
              + " (exit "
              + result.exitCode()
              + "): "
              + mask(first, password),
          "check that the container runs (docker logs " + container + ")");
    }
  }

  private static String mask(String text, Value password) {
    String p = password.text();
    return p.isEmpty()
        ? text
        : text.replace(p.replace("'", "''"), "(sensitive)").replace(p, "(sensitive)");
  }
}
