package dev.provision.model;

import java.time.Duration;

/**
 * How to tell that a started container is ready, and how long to wait before giving up.
 *
 * @param kind HTTP: GET {@code path} on the published {@code containerPort} answers 2xx; POSTGRES:
 *     a connection to {@code containerPort} is accepted; RUNNING: the container is up
 */
public record Readiness(Kind kind, int containerPort, String path, Duration timeout) {

  /** Readiness kinds. */
  public enum Kind {
    HTTP,
    POSTGRES,
    RUNNING
  }

  public static Readiness http(int containerPort, String path, Duration timeout) {
    return new Readiness(Kind.HTTP, containerPort, path, timeout);
  }
}
