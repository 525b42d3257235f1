package dev.provision.exec;

import dev.provision.graph.Dag;
import dev.provision.graph.NodeOutcome;
import dev.provision.graph.WalkResult;
import dev.provision.graph.Walker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the steps of an apply in dependency order through the {@link Walker}, journaling each one
 * before and after. When any step fails (or the thread is interrupted), no new step starts, the
 * running ones finish, and then every step that completed is undone, one at a time, in reverse
 * order of completion; an undo that fails is reported and the rest still run. When every step
 * succeeded, the steps' commit hooks run in completion order. Undo and commit hooks come from the
 * {@link Applied} record each step's apply returned, which the executor keeps for the run.
 *
 * <p>The executor never prints: it tells an {@link ExecListener} and returns an {@link
 * ExecutionResult}. A step list with duplicate ids, unknown dependencies or a cycle is a bug in
 * whoever built it and throws {@code GraphException} before anything runs.
 */
public final class Executor {
  /** The longest a readiness wait may take while undoing after a stop request. */
  static final Duration STOPPED_READINESS_CAP = Duration.ofSeconds(15);

  private final ExecListener listener;
  private final Walker walker;
  private final StopRequest stop;
  private final TestHooks hooks;

  public Executor(ExecListener listener, int parallelism) {
    this(listener, parallelism, StopRequest.never(), TestHooks.none());
  }

  /**
   * @param stop asked from outside (Ctrl-C) to stop: the apply is rolled back as after a failure
   * @param hooks test-only pauses (see {@link TestHooks})
   */
  public Executor(ExecListener listener, int parallelism, StopRequest stop, TestHooks hooks) {
    this.listener = listener;
    this.walker = new Walker(parallelism);
    this.stop = stop;
    this.hooks = hooks;
  }

  public Executor(ExecListener listener) {
    this(listener, Walker.DEFAULT_PARALLELISM);
  }

  /** Applies {@code steps} on {@code context}'s host, recording to {@code journal}. */
  public ExecutionResult run(List<Step> steps, StepContext context, Journal journal) {
    Map<String, Step> byId = new LinkedHashMap<>();
    Dag.Builder graph = Dag.builder();
    for (Step step : steps) {
      graph.add(step.id(), step.dependsOn());
      byId.put(step.id(), step);
    }
    Dag dag = graph.build();
    Map<String, Applied> applied = new ConcurrentHashMap<>();

    journal.record(null, Journal.APPLY_STARTED, steps.size() + " steps", null);
    WalkResult walk;
    stop.attach(Thread.currentThread());
    try {
      walk = walker.walk(dag, id -> applied.put(id, applyOne(byId.get(id), context, journal)));
    } finally {
      stop.detach();
    }
    // Cleared at once: an interrupted thread cannot write the journal (its channel would close),
    // and undo must run to the end; the flag is set again at the very end.
    boolean interrupted = Thread.interrupted();

    List<StepResult> results = new ArrayList<>();
    List<StepResult> causes = new ArrayList<>();
    walk.outcomes()
        .forEach(
            (id, outcome) -> {
              StepResult result = toResult(id, outcome);
              results.add(result);
              if (result.outcome() == StepResult.Outcome.FAILED) {
                causes.add(result);
              } else if (result.outcome() != StepResult.Outcome.SUCCEEDED) {
                journal.recordIfPossible(id, Journal.STEP_SKIPPED, result.note(), null);
                listener.stepSkipped(id, result.note());
              }
            });

    if (walk.succeeded() && !stop.requested()) {
      List<ExecutionResult.CommitFailure> leftovers =
          new Commit(listener, journal).run(walk.completionOrder(), applied, context);
      journal.recordIfPossible(
          null, Journal.APPLY_FINISHED, ExecutionResult.Status.COMMITTED.name(), null);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return new ExecutionResult(
          ExecutionResult.Status.COMMITTED, results, causes, List.of(), leftovers, journal.file());
    }

    StepContext undoContext =
        stop.requested()
            ? context.withReadiness(context.readiness().capped(STOPPED_READINESS_CAP))
            : context;
    if (stop.requested()) {
      journal.recordIfPossible(null, Journal.STOP_REQUESTED, "rolling back", null);
    }
    List<UndoResult> rollback =
        new Rollback(listener, journal, stop).run(walk.completionOrder(), applied, undoContext);
    boolean clean =
        rollback.stream()
            .allMatch(
                u ->
                    u.outcome() == UndoResult.Outcome.UNDONE
                        || u.outcome() == UndoResult.Outcome.NOT_NEEDED);
    ExecutionResult.Status status =
        clean ? ExecutionResult.Status.ROLLED_BACK : ExecutionResult.Status.ROLLBACK_INCOMPLETE;
    journal.recordIfPossible(null, Journal.APPLY_FINISHED, status.name(), null);
    if (interrupted && !stop.requested()) {
      // set again only now: an interrupted thread cannot write the journal (the channel closes)
      Thread.currentThread().interrupt();
    }
    return new ExecutionResult(status, results, causes, rollback, List.of(), journal.file());
  }

  private Applied applyOne(Step step, StepContext context, Journal journal) throws Exception {
    String id = step.id();
    journal.record(id, Journal.STEP_STARTED, step.description(), null);
    listener.stepStarted(id, step.description());
    long start = System.nanoTime();
    StepContext stepContext =
        context
            .withProgress(line -> listener.stepProgress(id, line))
            .withCheckpoint(point -> hooks.pause(id + TestHooks.INSIDE + point, false, stop));
    Applied applied;
    try {
      hooks.pause(id, false, stop);
      applied = step.apply(stepContext);
      if (applied == null) {
        throw new IllegalStateException("step " + id + " returned no record of what it did");
      }
    } catch (Exception | Error e) {
      journal.recordIfPossible(id, Journal.STEP_FAILED, step.description(), e);
      listener.stepFailed(id, e);
      throw e;
    }
    try {
      journal.record(id, Journal.STEP_SUCCEEDED, step.description(), null);
    } catch (RuntimeException journalDown) {
      // The step took effect but cannot be recorded: reverse it here, since a failed step is
      // never undone by the rollback.
      undoUnrecorded(applied, stepContext, journalDown);
      listener.stepFailed(id, journalDown);
      throw journalDown;
    }
    listener.stepSucceeded(id, Duration.ofNanos(System.nanoTime() - start));
    hooks.pause(id, true, stop);
    return applied;
  }

  private static void undoUnrecorded(Applied applied, StepContext context, RuntimeException cause) {
    try {
      if (applied.undo() instanceof Undo.Run run) {
        run.action().run(context);
      }
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }

  private static StepResult toResult(String id, NodeOutcome outcome) {
    if (outcome instanceof NodeOutcome.Succeeded s) {
      return new StepResult(id, StepResult.Outcome.SUCCEEDED, s.duration(), null, null);
    }
    if (outcome instanceof NodeOutcome.Failed f) {
      return new StepResult(id, StepResult.Outcome.FAILED, f.duration(), f.cause(), null);
    }
    if (outcome instanceof NodeOutcome.Skipped s) {
      return new StepResult(
          id,
          StepResult.Outcome.SKIPPED,
          Duration.ZERO,
          null,
          "skipped because " + s.failedDependency() + " failed");
    }
    NodeOutcome.NotStarted n = (NodeOutcome.NotStarted) outcome;
    String note =
        n.haltedBy() == null
            ? "not started: the apply was interrupted"
            : "not started: the apply stopped after " + n.haltedBy() + " failed";
    return new StepResult(id, StepResult.Outcome.NOT_STARTED, Duration.ZERO, null, note);
  }
}
