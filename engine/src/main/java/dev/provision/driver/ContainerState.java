package dev.provision.driver;

import java.util.Map;
import java.util.Optional;

/**
 * A container as the host reports it right now. On a Swarm the "container" is a one-replica
 * service, and {@code node} and {@code lastError} say where its task runs and why its last task
 * failed; a single engine leaves both empty.
 *
 * @param health Docker health status, or null without a health check
 * @param node the cluster node its (newest) task runs on, empty on a single engine
 * @param lastError the error of its last failed task (Swarm's task status), empty when none
 */
public record ContainerState(
    String name,
    String image,
    boolean running,
    Integer exitCode,
    String health,
    Map<String, String> labels,
    Optional<String> node,
    Optional<String> lastError) {

  public ContainerState {
    node = node == null ? Optional.empty() : node;
    lastError = lastError == null ? Optional.empty() : lastError;
  }

  /** A container on a single engine: no node, no task error. */
  public ContainerState(
      String name,
      String image,
      boolean running,
      Integer exitCode,
      String health,
      Map<String, String> labels) {
    this(name, image, running, exitCode, health, labels, Optional.empty(), Optional.empty());
  }
}
