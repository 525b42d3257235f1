package dev.provision.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.FakeHostDriver;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test-only fault hook fails exactly the step it names, before or after its apply. */
class FaultInjectionTest {
  @TempDir Path dir;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final TestClock clock = TestClock.at("2026-11-27T10:00:00Z");

  private List<Step> steps() {
    return List.of(
        new ScriptedStep("a", List.of(), log),
        new ScriptedStep("b", List.of("a"), log),
        new ScriptedStep("c", List.of("b"), log));
  }

  private ExecutionResult run(Map<String, String> env) {
    try (Journal journal = Journal.create(dir, "demo", clock, Redactor.NONE)) {
      return new Executor(new RecordingListener(), 1)
          .run(
              FaultInjection.wrap(steps(), env),
              Fixtures.context(new FakeHostDriver(), clock),
              journal);
    }
  }

  @Test
  void withoutTheVariablesTheStepsAreUnchanged() {
    List<Step> steps = steps();
    assertThat(FaultInjection.wrap(steps, Map.of("PATH", "/bin"))).isSameAs(steps);
  }

  @Test
  void failAtAnIndexAppliesThatStepThenUndoesItAndTheEarlierOnes() {
    ExecutionResult result = run(Map.of(FaultInjection.FAIL_AT_STEP, "2"));

    assertThat(log).containsExactly("apply a", "apply b", "undo b", "undo a");
    assertThat(result.status()).isEqualTo(ExecutionResult.Status.ROLLED_BACK);
    assertThat(result.rootCauses()).extracting(StepResult::stepId).containsExactly("b");
    assertThat(result.rootCauses().get(0).failure())
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("injected failure (PROVISION_TEST_FAIL_AT_STEP)")
        .hasMessageContaining("its own effect was undone");
  }

  @Test
  void failAtAStepIdWorksLikeAnIndex() {
    ExecutionResult result = run(Map.of(FaultInjection.FAIL_AT_STEP, "c"));

    assertThat(log).containsExactly("apply a", "apply b", "apply c", "undo c", "undo b", "undo a");
    assertThat(result.status()).isEqualTo(ExecutionResult.Status.ROLLED_BACK);
  }

  @Test
  void failBeforeAStepLeavesItUnapplied() {
    ExecutionResult result = run(Map.of(FaultInjection.FAIL_BEFORE_STEP, "b"));

    assertThat(log).containsExactly("apply a", "undo a");
    assertThat(result.rootCauses().get(0).failure())
        .hasMessageContaining("injected failure (PROVISION_TEST_FAIL_BEFORE_STEP)");
  }

  @Test
  void aFailedOwnUndoIsSaidInTheFailure() {
    List<Step> steps = List.of(new ScriptedStep("a", List.of(), log).undoFailing("cannot delete"));
    try (Journal journal = Journal.create(dir, "demo", clock, Redactor.NONE)) {
      ExecutionResult result =
          new Executor(new RecordingListener(), 1)
              .run(
                  FaultInjection.wrap(steps, Map.of(FaultInjection.FAIL_AT_STEP, "1")),
                  Fixtures.context(new FakeHostDriver(), clock),
                  journal);
      assertThat(result.rootCauses().get(0).failure())
          .hasMessageContaining("undoing its own effect FAILED: cannot delete");
    }
  }

  @Test
  void aValueThatMatchesNoStepIsRefused() {
    assertThatThrownBy(() -> FaultInjection.wrap(steps(), Map.of(FaultInjection.FAIL_AT_STEP, "4")))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("matches none of the 3 steps");
    assertThatThrownBy(
            () -> FaultInjection.wrap(steps(), Map.of(FaultInjection.FAIL_BEFORE_STEP, "zz")))
        .hasMessageContaining("PROVISION_TEST_FAIL_BEFORE_STEP=zz");
  }
}
