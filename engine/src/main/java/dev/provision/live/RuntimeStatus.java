package dev.provision.live;

import java.util.Optional;

/**
 * How an observed container is doing. {@code health} is the Docker health status when the container
 * has a health check, else null. {@code node} is the cluster node its task runs on (a Swarm
 * service), empty on a single engine.
 */
public record RuntimeStatus(
    boolean running, Integer exitCode, String health, Optional<String> node) {

  public RuntimeStatus {
    node = node == null ? Optional.empty() : node;
  }

  /** A container on a single engine: it runs where the engine is. */
  public RuntimeStatus(boolean running, Integer exitCode, String health) {
    this(running, exitCode, health, Optional.empty());
  }
}
