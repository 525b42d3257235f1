package dev.provision.driver;

import java.util.Map;

/**
 * A container as the host reports it right now.
 *
 * @param health Docker health status, or null without a health check
 */
public record ContainerState(
    String name,
    String image,
    boolean running,
    Integer exitCode,
    String health,
    Map<String, String> labels) {}
