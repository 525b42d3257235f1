package dev.provision.live;

/**
 * How an observed container is doing. {@code health} is the Docker health status when the container
 * has a health check, else null.
 */
public record RuntimeStatus(boolean running, Integer exitCode, String health) {}
