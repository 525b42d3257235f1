package dev.provision.engine;

import dev.provision.diag.Diagnostic;
import dev.provision.exec.ExecutionResult;
import java.util.List;
import java.util.Optional;

/**
 * What an apply did, and (when it committed) what the post-apply checks found.
 *
 * @param lockLost why the apply was stopped when its lock was broken while it ran (e.g. {@code the
 *     deployment's lock was broken by ...}), empty otherwise
 * @param warnings found before the apply ran, such as a {@code .provision} folder that was readable
 *     by others and was made private
 */
public record ApplyResult(
    ExecutionResult execution,
    Optional<Verification> verification,
    Optional<String> lockLost,
    List<Diagnostic> warnings) {

  public ApplyResult {
    warnings = List.copyOf(warnings);
  }

  public ApplyResult(
      ExecutionResult execution, Optional<Verification> verification, Optional<String> lockLost) {
    this(execution, verification, lockLost, List.of());
  }

  public ApplyResult(ExecutionResult execution, Optional<Verification> verification) {
    this(execution, verification, Optional.empty());
  }
}
