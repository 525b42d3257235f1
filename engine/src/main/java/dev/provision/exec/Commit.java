package dev.provision.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the commit hooks of a successful apply (for example removing {@code NAME-prev} containers
 * kept for a rollback), in step completion order, journaling each before and after. A failing hook
 * is reported as a left-over and the others still run; nothing is rolled back at this point. The
 * hooks are the ones the steps' applies returned in their {@link Applied} records.
 */
final class Commit {
  private final ExecListener listener;
  private final Journal journal;

  Commit(ExecListener listener, Journal journal) {
    this.listener = listener;
    this.journal = journal;
  }

  List<ExecutionResult.CommitFailure> run(
      List<String> completionOrder, Map<String, Applied> applied, StepContext context) {
    List<ExecutionResult.CommitFailure> failures = new ArrayList<>();
    for (String id : completionOrder) {
      Optional<CommitHook> hook = applied.get(id).onCommit();
      if (hook.isEmpty()) {
        continue;
      }
      String hookId = hook.get().id();
      journal.recordIfPossible(hookId, Journal.COMMIT_STARTED, "after " + id, null);
      try {
        hook.get().commit(context.withProgress(line -> listener.stepProgress(id, line)));
        journal.recordIfPossible(hookId, Journal.COMMIT_SUCCEEDED, "after " + id, null);
      } catch (Exception | Error e) {
        journal.recordIfPossible(hookId, Journal.COMMIT_FAILED, "after " + id, e);
        listener.commitFailed(hookId, e);
        failures.add(new ExecutionResult.CommitFailure(hookId, e));
      }
    }
    return failures;
  }
}
