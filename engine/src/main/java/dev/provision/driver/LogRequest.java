package dev.provision.driver;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What part of a container's log {@link HostDriver#logs} reads: only lines written at or after
 * {@code since}, only the last {@code tail} lines, and whether to keep streaming new lines.
 */
public record LogRequest(boolean follow, Optional<Instant> since, OptionalInt tail) {
  public LogRequest {
    if (tail.isPresent() && tail.getAsInt() < 0) {
      throw new IllegalArgumentException("tail must not be negative");
    }
  }

  /** The whole log, once. */
  public static LogRequest all() {
    return new LogRequest(false, Optional.empty(), OptionalInt.empty());
  }
}
