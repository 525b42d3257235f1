package dev.provision.exec;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of one apply: every step's result (in dependency order), the root causes, what the
 * rollback did, and commit hooks that failed. Immutable.
 *
 * @param rootCauses the steps that failed themselves (never the ones skipped because of them);
 *     empty when the apply was interrupted
 * @param rollback one result per completed step, in the order the undos ran (reverse completion);
 *     empty when the apply committed
 * @param commitFailures commit hooks that failed after a successful apply (left-overs to clean)
 * @param journal the journal file of this apply
 */
public record ExecutionResult(
    Status status,
    List<StepResult> steps,
    List<StepResult> rootCauses,
    List<UndoResult> rollback,
    List<CommitFailure> commitFailures,
    Path journal) {

  public ExecutionResult {
    steps = List.copyOf(steps);
    rootCauses = List.copyOf(rootCauses);
    rollback = List.copyOf(rollback);
    commitFailures = List.copyOf(commitFailures);
  }

  /** How an apply ended. */
  public enum Status {
    /** Every step succeeded. */
    COMMITTED,
    /** A step failed (or the apply was interrupted) and every completed step was undone. */
    ROLLED_BACK,
    /** A step failed and an undo failed or was impossible: the target is partly changed. */
    ROLLBACK_INCOMPLETE
  }

  /** A commit hook that failed. */
  public record CommitFailure(String hookId, Throwable failure) {}

  public boolean committed() {
    return status == Status.COMMITTED;
  }
}
