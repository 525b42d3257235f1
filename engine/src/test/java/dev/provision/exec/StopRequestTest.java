package dev.provision.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.FakeHostDriver;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop asked from outside (Ctrl-C) while an apply runs: the running step finishes, no new step
 * starts, completed steps are undone and the journal records it to the end; a second stop ends the
 * rollback after the current undo and reports the rest as abandoned.
 */
class StopRequestTest {
  @TempDir Path dir;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final TestClock clock = TestClock.at("2026-11-27T10:00:00Z");

  private ExecutionResult run(List<Step> steps, StopRequest stop) {
    try (Journal journal = Journal.create(dir, "demo", clock, Redactor.NONE)) {
      return new Executor(ExecListener.NONE, 1, stop, TestHooks.none())
          .run(steps, Fixtures.context(new FakeHostDriver(), clock), journal);
    }
  }

  /** A step that asks {@code stop} to stop {@code times} times while it runs. */
  private Step stopping(String id, StopRequest stop, int times, String... deps) {
    return new ScriptedStep(id, List.of(deps), log) {
      @Override
      public Applied apply(StepContext context) {
        Applied applied = super.apply(context);
        for (int i = 0; i < times; i++) {
          stop.stop();
        }
        return applied;
      }
    };
  }

  @Test
  void aStopRollsBackWhatCompletedAndJournalsToTheEnd() throws Exception {
    StopRequest stop = new StopRequest();
    ExecutionResult result =
        run(
            List.of(
                new ScriptedStep("a", List.of(), log),
                stopping("b", stop, 1, "a"),
                new ScriptedStep("c", List.of("b"), log)),
            stop);

    assertThat(result.status()).isEqualTo(ExecutionResult.Status.ROLLED_BACK);
    assertThat(log).containsExactly("apply a", "apply b", "undo b", "undo a");
    assertThat(result.rootCauses()).isEmpty();
    assertThat(Thread.interrupted()).isFalse();
    List<JournalEntry> journal = Journal.read(result.journal());
    assertThat(journal).extracting(JournalEntry::event).contains(Journal.STOP_REQUESTED);
    assertThat(journal.get(journal.size() - 1).event()).isEqualTo(Journal.APPLY_FINISHED);
  }

  @Test
  void aSecondStopAbandonsTheRestOfTheRollback() {
    StopRequest twice = new StopRequest();
    ExecutionResult abandoned =
        run(
            List.of(
                new ScriptedStep("a", List.of(), log),
                new ScriptedStep("b", List.of("a"), log)
                    .undo(Undo.of("undo b", ctx -> twice.stop())),
                stopping("c", twice, 1, "b")),
            twice);

    assertThat(abandoned.status()).isEqualTo(ExecutionResult.Status.ROLLBACK_INCOMPLETE);
    assertThat(abandoned.rollback())
        .extracting(UndoResult::stepId, UndoResult::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("c", UndoResult.Outcome.UNDONE),
            org.assertj.core.groups.Tuple.tuple("b", UndoResult.Outcome.UNDONE),
            org.assertj.core.groups.Tuple.tuple("a", UndoResult.Outcome.ABANDONED));
    assertThat(log).doesNotContain("undo a");
  }

  @Test
  void thePauseHookWaitsForTheStopAndWritesItsMarker() throws Exception {
    Path marker = dir.resolve("paused");
    TestHooks hooks =
        TestHooks.from(
            Map.of(TestHooks.PAUSE_AT_STEP, "a+", TestHooks.PAUSE_MARKER, marker.toString()));
    StopRequest stop = new StopRequest();
    Thread stopper =
        new Thread(
            () -> {
              try {
                while (!java.nio.file.Files.exists(marker)) {
                  Thread.sleep(10);
                }
              } catch (InterruptedException e) {
                return;
              }
              stop.stop();
            });
    stopper.start();
    ExecutionResult result;
    try (Journal journal = Journal.create(dir, "demo", clock, Redactor.NONE)) {
      result =
          new Executor(ExecListener.NONE, 1, stop, hooks)
              .run(
                  List.of(
                      new ScriptedStep("a", List.of(), log),
                      new ScriptedStep("b", List.of("a"), log)),
                  Fixtures.context(new FakeHostDriver(), clock),
                  journal);
    }
    stopper.join();
    assertThat(java.nio.file.Files.readString(marker)).isEqualTo("a succeeded\n");
    assertThat(log).containsExactly("apply a", "undo a");
    assertThat(result.status()).isEqualTo(ExecutionResult.Status.ROLLED_BACK);
  }
}
