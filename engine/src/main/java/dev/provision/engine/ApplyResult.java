package dev.provision.engine;

import dev.provision.exec.ExecutionResult;
import java.util.Optional;

/**
 * What an apply did, and (when it committed) what the post-apply checks found.
 *
 * @param lockLost why the apply was stopped when its lock was broken while it ran (e.g. {@code the
 *     deployment's lock was broken by ...}), empty otherwise
 */
public record ApplyResult(
    ExecutionResult execution, Optional<Verification> verification, Optional<String> lockLost) {

  public ApplyResult(ExecutionResult execution, Optional<Verification> verification) {
    this(execution, verification, Optional.empty());
  }
}
