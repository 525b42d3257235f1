package dev.provision.exec.ready;

import dev.provision.driver.ExecResult;
import dev.provision.driver.HostDriver;
import dev.provision.postgres.PostgresImage;
import java.util.List;

/**
 * Ready when {@code pg_isready} inside the container says the server accepts connections. Runs in
 * the container, so it needs no published port and no password.
 */
final class PostgresReadiness implements ReadinessStrategy {
  private final HostDriver host;
  private final String container;
  private final List<String> command;

  PostgresReadiness(HostDriver host, String container, int containerPort) {
    this.host = host;
    this.container = container;
    int port = containerPort > 0 ? containerPort : PostgresImage.PORT;
    this.command = List.of("pg_isready", "-h", "127.0.0.1", "-p", Integer.toString(port));
  }

  @Override
  public CheckAnswer check() {
    ExecResult result = host.exec(container, command);
    String said = (result.stdout() + " " + result.stderr()).strip();
    String detail = "pg_isready exit " + result.exitCode() + (said.isEmpty() ? "" : ": " + said);
    return result.ok() ? CheckAnswer.ready(detail) : CheckAnswer.notYet(detail);
  }

  @Override
  public String describe() {
    return String.join(" ", command) + " in " + container;
  }
}
