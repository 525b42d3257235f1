package dev.provision.engine;

import dev.provision.exec.ExecutionResult;
import java.util.Optional;

/** What an apply did, and (when it committed) what the post-apply checks found. */
public record ApplyResult(ExecutionResult execution, Optional<Verification> verification) {}
