package dev.provision.driver.ssh;

import dev.provision.diag.ProvisionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.IOUtils;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * Checks once, before any API call, that the server has a docker client that can reach its engine,
 * by running {@code docker version} there. Turns the usual failures (no docker, no permission on
 * the socket, engine stopped) into a {@link ProvisionException} with the fix. Read-only.
 */
final class RemoteDockerCheck {
  static final String COMMAND = "docker version --format '{{.Server.APIVersion}}'";

  private RemoteDockerCheck() {}

  /** The remote engine's API version; fails with a hint when docker is not usable there. */
  static String run(SSHClient ssh, String who, String user) {
    String out;
    String err;
    Integer status;
    try (Session session = ssh.startSession()) {
      Session.Command command = session.exec(COMMAND);
      out = IOUtils.readFully(command.getInputStream()).toString(StandardCharsets.UTF_8).trim();
      err = IOUtils.readFully(command.getErrorStream()).toString(StandardCharsets.UTF_8).trim();
      command.join(30, TimeUnit.SECONDS);
      status = command.getExitStatus();
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot run `docker version` on " + who + ": " + e.getMessage(),
          "check that the server allows command execution for user " + user);
    }
    if (status != null && status == 0 && !out.isEmpty()) {
      return out;
    }
    throw failure(who, user, status, err.isEmpty() ? out : err);
  }

  /** The diagnosis for a failed {@code docker version} (pure, for tests). */
  static ProvisionException failure(String who, String user, Integer status, String output) {
    String lower = output.toLowerCase(Locale.ROOT);
    String found = output.isEmpty() ? "exit status " + status : lastLine(output);
    if ((status != null && status == 127) || lower.contains("command not found")) {
      return ProvisionException.of(
          "there is no docker command on " + who,
          "install Docker on the server (e.g. `apt-get install docker.io`), then try again");
    }
    if (lower.contains("permission denied")) {
      return ProvisionException.of(
          "user " + user + " may not use the Docker engine on " + who + ": " + found,
          "add the user to the docker group on the server (`usermod -aG docker "
              + user
              + "`, then log in again), or connect as a user that may use the Docker socket");
    }
    if (lower.contains("cannot connect to the docker daemon") || lower.contains("is the docker")) {
      return ProvisionException.of(
          "the Docker engine on " + who + " is not running: " + found,
          "start it on the server (`systemctl start docker`), then try again");
    }
    return ProvisionException.of(
        "`docker version` failed on " + who + ": " + found,
        "run `docker version` on the server as " + user + " and fix what it reports");
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1].strip();
  }
}
