package dev.provision.driver.postgres;

import dev.provision.driver.ExecResult;
import java.util.List;

/**
 * Runs a command in a running container: the one host capability the managed Postgres admin needs.
 * {@code HostDriver::exec} fits it; tests pass a container runtime's exec directly.
 */
@FunctionalInterface
public interface ContainerExec {
  ExecResult exec(String container, List<String> command);
}
