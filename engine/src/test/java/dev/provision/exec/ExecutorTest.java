package dev.provision.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.FakeHostDriver;
import dev.provision.graph.GraphException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorTest {
  @TempDir Path dir;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final RecordingListener listener = new RecordingListener();
  private final TestClock clock = TestClock.at("2026-11-27T10:00:00Z");

  private ExecutionResult run(List<Step> steps) {
    try (Journal journal = Journal.create(dir, "demo", clock, Redactor.NONE)) {
      return new Executor(listener, 1)
          .run(steps, Fixtures.context(new FakeHostDriver(), clock), journal);
    }
  }

  private ScriptedStep step(String id, String... deps) {
    return new ScriptedStep(id, List.of(deps), log);
  }

  @Test
  void happyPathRunsInOrderAndCommits() {
    List<String> committed = new CopyOnWriteArrayList<>();
    CommitHook hook =
        new CommitHook() {
          @Override
          public String id() {
            return "tidy";
          }

          @Override
          public void commit(StepContext context) {
            committed.add("tidy");
          }
        };

    ExecutionResult result = run(List.of(step("b", "a"), step("a"), step("c", "b").onCommit(hook)));

    assertThat(result.status()).isEqualTo(ExecutionResult.Status.COMMITTED);
    assertThat(log).containsExactly("apply a", "apply b", "apply c");
    assertThat(committed).containsExactly("tidy");
    assertThat(result.rollback()).isEmpty();
    assertThat(result.steps()).extracting(StepResult::stepId).containsExactly("a", "b", "c");
    assertThat(listener.events)
        .containsExactly(
            "started a", "succeeded a", "started b", "succeeded b", "started c", "succeeded c");
  }

  @Test
  void failureUndoesCompletedStepsInReverseCompletionOrder() {
    ExecutionResult result =
        run(
            List.of(
                step("a"),
                step("b", "a"),
                step("c", "b").failing("boom"),
                step("d", "c"),
                step("e")));

    assertThat(log).containsExactly("apply a", "apply b", "apply c", "undo b", "undo a");
    assertThat(result.status()).isEqualTo(ExecutionResult.Status.ROLLED_BACK);
    assertThat(result.rootCauses()).extracting(StepResult::stepId).containsExactly("c");
    assertThat(result.rootCauses().get(0).failure()).hasMessage("boom");
    assertThat(result.steps())
        .extracting(StepResult::outcome)
        .containsExactly(
            StepResult.Outcome.SUCCEEDED,
            StepResult.Outcome.SUCCEEDED,
            StepResult.Outcome.FAILED,
            StepResult.Outcome.SKIPPED,
            StepResult.Outcome.NOT_STARTED);
    assertThat(result.rollback()).extracting(UndoResult::stepId).containsExactly("b", "a");
    assertThat(listener.events)
        .containsExactly(
            "started a",
            "succeeded a",
            "started b",
            "succeeded b",
            "started c",
            "failed c: boom",
            "skipped d: skipped because c failed",
            "skipped e: not started: the apply stopped after c failed",
            "undo started b",
            "undo succeeded b",
            "undo started a",
            "undo succeeded a");
  }

  @Test
  void anUndoFailureIsReportedAndTheOthersStillRun() {
    ExecutionResult result =
        run(
            List.of(
                step("a"), step("b", "a").undoFailing("cannot"), step("c", "b").failing("boom")));

    assertThat(log).containsExactly("apply a", "apply b", "apply c", "undo b", "undo a");
    assertThat(result.status()).isEqualTo(ExecutionResult.Status.ROLLBACK_INCOMPLETE);
    assertThat(result.rollback())
        .extracting(UndoResult::outcome)
        .containsExactly(UndoResult.Outcome.FAILED, UndoResult.Outcome.UNDONE);
    assertThat(listener.events).contains("undo failed b: cannot");
  }

  @Test
  void aStepWithoutUndoMakesTheRollbackIncompleteAndSaysWhy() {
    ExecutionResult result =
        run(
            List.of(
                step("migrate").undo(Undo.none("migrations ran: restore the backup")),
                step("warm").undo(Undo.notNeeded("nothing changed")),
                step("fail", "migrate", "warm").failing("boom")));

    assertThat(result.status()).isEqualTo(ExecutionResult.Status.ROLLBACK_INCOMPLETE);
    assertThat(result.rollback())
        .extracting(UndoResult::outcome)
        .containsExactly(UndoResult.Outcome.NOT_NEEDED, UndoResult.Outcome.NO_UNDO);
    assertThat(listener.events).contains("no undo migrate: migrations ran: restore the backup");
  }

  @Test
  void journalHasAnEntryBeforeAndAfterEveryStepAndUndo() {
    ExecutionResult result = run(List.of(step("a"), step("b", "a").failing("boom")));

    List<JournalEntry> entries = Journal.read(result.journal());
    assertThat(entries)
        .extracting(e -> e.event() + (e.step() == null ? "" : " " + e.step()))
        .containsExactly(
            "apply-started",
            "step-started a",
            "step-succeeded a",
            "step-started b",
            "step-failed b",
            "undo-started a",
            "undo-succeeded a",
            "apply-finished");
    assertThat(entries.get(4).error()).isEqualTo("IllegalStateException: boom");
    assertThat(entries.get(0).time()).isEqualTo("2026-11-27T10:00:00Z");
    assertThat(result.journal().getFileName().toString())
        .isEqualTo("demo-20261127T100000.000Z.jsonl");
  }

  @Test
  void aFailingCommitHookIsALeftOverNotARollback() {
    CommitHook broken =
        new CommitHook() {
          @Override
          public String id() {
            return "remove web-prev";
          }

          @Override
          public void commit(StepContext context) {
            throw new IllegalStateException("busy");
          }
        };

    ExecutionResult result = run(List.of(step("a").onCommit(broken)));

    assertThat(result.status()).isEqualTo(ExecutionResult.Status.COMMITTED);
    assertThat(result.commitFailures())
        .extracting(ExecutionResult.CommitFailure::hookId)
        .containsExactly("remove web-prev");
    assertThat(log).containsExactly("apply a");
    assertThat(listener.events).contains("commit failed remove web-prev: busy");
  }

  @Test
  void aCycleIsRejectedBeforeAnythingRuns() {
    assertThatThrownBy(() -> run(List.of(step("a", "b"), step("b", "a"))))
        .isInstanceOf(GraphException.class)
        .hasMessage("dependency cycle: a -> b -> a");
    assertThat(log).isEmpty();
  }

  @Test
  void aJournalThatCannotBeWrittenStopsTheApplyBeforeAnyStep() {
    Journal journal = Journal.create(dir, "demo", clock, Redactor.NONE);
    journal.close();

    assertThatThrownBy(
            () ->
                new Executor(listener, 1)
                    .run(
                        List.of(step("a")), Fixtures.context(new FakeHostDriver(), clock), journal))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("cannot write to the journal");
    assertThat(log).isEmpty();
  }

  @Test
  void anInterruptedApplyUndoesWhatCompletedAndKeepsTheFlag() {
    Thread caller = Thread.currentThread();
    ScriptedStep interrupting = step("b", "a");
    Step wrapper =
        new Step() {
          @Override
          public String id() {
            return "b";
          }

          @Override
          public List<String> dependsOn() {
            return List.of("a");
          }

          @Override
          public String description() {
            return "interrupt the caller";
          }

          @Override
          public Applied apply(StepContext context) {
            Applied applied = interrupting.apply(context);
            caller.interrupt();
            return applied;
          }
        };

    ExecutionResult result = run(List.of(step("a"), wrapper, step("c", "b")));

    assertThat(Thread.interrupted()).isTrue();
    assertThat(result.status()).isEqualTo(ExecutionResult.Status.ROLLED_BACK);
    assertThat(result.rootCauses()).isEmpty();
    assertThat(log).containsExactly("apply a", "apply b", "undo b", "undo a");
    assertThat(result.steps().get(2).note()).isEqualTo("not started: the apply was interrupted");
  }

  /** A step whose every apply returns an undo naming that apply, as a step's found facts would. */
  private Step countingApplies(java.util.concurrent.atomic.AtomicInteger applies) {
    return new Step() {
      @Override
      public String id() {
        return "n";
      }

      @Override
      public List<String> dependsOn() {
        return List.of();
      }

      @Override
      public String description() {
        return "count applies";
      }

      @Override
      public Applied apply(StepContext context) {
        int n = applies.incrementAndGet();
        return Applied.of(Undo.of("undo apply #" + n, c -> log.add("undo apply #" + n)));
      }
    };
  }

  @Test
  void eachRollbackRunsTheUndoItsOwnApplyReturned() {
    Step shared = countingApplies(new java.util.concurrent.atomic.AtomicInteger());

    run(List.of(shared, step("f", "n").failing("boom")));
    ExecutionResult second = run(List.of(shared, step("f", "n").failing("boom")));

    assertThat(log).containsExactly("apply f", "undo apply #1", "apply f", "undo apply #2");
    assertThat(second.rollback()).extracting(UndoResult::detail).containsExactly("undo apply #2");
  }

  @Test
  void aStepThatReturnsNoRecordFailsAndTheOthersAreUndone() {
    ScriptedStep broken =
        new ScriptedStep("b", List.of("a"), log) {
          @Override
          public Applied apply(StepContext context) {
            super.apply(context);
            return null;
          }
        };

    ExecutionResult result = run(List.of(step("a"), broken));

    assertThat(result.status()).isEqualTo(ExecutionResult.Status.ROLLED_BACK);
    assertThat(result.rootCauses().get(0).failure())
        .hasMessage("step b returned no record of what it did");
    assertThat(log).containsExactly("apply a", "apply b", "undo a");
  }
}
