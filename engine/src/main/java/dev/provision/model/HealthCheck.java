package dev.provision.model;

import java.time.Duration;
import java.util.List;

/**
 * A Docker health check the engine gives a container, so that {@code docker ps}, {@code provision
 * status} and a cluster engine see whether it serves (a restart policy only reacts to exits). It is
 * part of the container's canonical configuration (see {@link CanonicalConfig}) but not of its
 * compared attributes: a container made before provision set health checks is not replaced for
 * lacking one; it gets one when it is next created or replaced.
 *
 * @param command run inside the container without a shell (Docker's {@code CMD} form): exit 0 is
 *     healthy
 * @param interval between two checks (and before the first one)
 * @param timeout how long one check may take before it counts as failed
 * @param startPeriod failures during this time after start do not count
 * @param retries consecutive failures that make the container unhealthy
 */
public record HealthCheck(
    List<String> command, Duration interval, Duration timeout, Duration startPeriod, int retries) {
  public HealthCheck {
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("a health check runs a command");
    }
    if (retries < 1) {
      throw new IllegalArgumentException("a health check retries at least once");
    }
  }
}
