package dev.provision.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Undoes completed steps one at a time, in reverse order of completion, journaling each undo before
 * and after. Each undo is the one the step's apply returned in its {@link Applied} record. An undo
 * that fails is recorded and the others still run.
 */
final class Rollback {
  private final ExecListener listener;
  private final Journal journal;
  private final StopRequest stop;

  Rollback(ExecListener listener, Journal journal, StopRequest stop) {
    this.listener = listener;
    this.journal = journal;
    this.stop = stop;
  }

  /**
   * @param completionOrder ids of the completed steps, oldest first
   * @param applied what each completed step's apply returned, by step id
   */
  List<UndoResult> run(
      List<String> completionOrder, Map<String, Applied> applied, StepContext context) {
    List<UndoResult> results = new ArrayList<>();
    for (int i = completionOrder.size() - 1; i >= 0; i--) {
      String id = completionOrder.get(i);
      if (stop.rollbackAbandoned()) {
        String why = "not undone: the rollback was stopped by a second interrupt";
        journal.recordIfPossible(id, Journal.UNDO_ABANDONED, why, null);
        results.add(new UndoResult(id, UndoResult.Outcome.ABANDONED, why, null));
      } else {
        results.add(undoOne(id, applied.get(id).undo(), context));
      }
    }
    return results;
  }

  private UndoResult undoOne(String id, Undo undo, StepContext context) {
    if (undo instanceof Undo.NotNeeded nothing) {
      journal.recordIfPossible(id, Journal.UNDO_NOT_NEEDED, nothing.reason(), null);
      return new UndoResult(id, UndoResult.Outcome.NOT_NEEDED, nothing.reason(), null);
    }
    if (undo instanceof Undo.None none) {
      journal.recordIfPossible(id, Journal.UNDO_UNAVAILABLE, none.reason(), null);
      listener.undoUnavailable(id, none.reason());
      return new UndoResult(id, UndoResult.Outcome.NO_UNDO, none.reason(), null);
    }
    Undo.Run run = (Undo.Run) undo;
    journal.recordIfPossible(id, Journal.UNDO_STARTED, run.description(), null);
    listener.undoStarted(id, run.description());
    long start = System.nanoTime();
    try {
      run.action().run(context.withProgress(line -> listener.stepProgress(id, line)));
    } catch (Exception | Error e) {
      journal.recordIfPossible(id, Journal.UNDO_FAILED, run.description(), e);
      listener.undoFailed(id, e);
      return new UndoResult(id, UndoResult.Outcome.FAILED, run.description(), e);
    }
    journal.recordIfPossible(id, Journal.UNDO_SUCCEEDED, run.description(), null);
    listener.undoSucceeded(id, Duration.ofNanos(System.nanoTime() - start));
    return new UndoResult(id, UndoResult.Outcome.UNDONE, run.description(), null);
  }
}
