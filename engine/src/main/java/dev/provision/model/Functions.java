package dev.provision.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The spec's {@code functions:} section: the app whose Convex functions apply pushes with the app's
 * own Convex CLI ({@code npx convex deploy}) once the apply committed, when their source changed.
 *
 * @param dir the app folder (absolute), holding {@code convex/} and {@code package.json}
 * @param cli the {@code convex} npm version to run; empty means the app's own dependency
 * @param timeout how long the push may take, {@code npm ci} included
 */
public record Functions(Path dir, Optional<String> cli, Duration timeout) {
  /** The default {@link #timeout}: five minutes. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

  public Functions {
    java.util.Objects.requireNonNull(dir, "dir");
    cli = cli == null ? Optional.empty() : cli;
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
  }
}
