package dev.provision.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.ProvisionException;
import dev.provision.engine.ApplyResult;
import dev.provision.exec.ExecutionResult;
import dev.provision.exec.StepResult;
import dev.provision.exec.UndoResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A failed apply's report says exactly what may still be on the target. */
class ApplyReportViewTest {
  private static final StepResult FAILED =
      new StepResult(
          "container.backend",
          StepResult.Outcome.FAILED,
          Duration.ofSeconds(1),
          ProvisionException.of("lost the SSH connection to h:22 (user u)", "check the network"),
          null);

  @Test
  void aFailedStepsPartialEffectIsListedEvenWhenEveryUndoWasConfirmed() {
    String out =
        render(
            ExecutionResult.Status.ROLLED_BACK,
            List.of(new UndoResult("network.default", UndoResult.Outcome.UNDONE, "remove", null)));

    assertThat(out)
        .contains("Apply failed and was rolled back: every completed step was undone.")
        .contains("  undone: network.default (remove)")
        .contains("May still be on the target:")
        .contains(
            "  container.backend: it failed before it finished; what it changed so far is not"
                + " undone")
        .contains("the next apply observes the target and converges it");
  }

  @Test
  void anUnconfirmedUndoIsListedAsLeft() {
    String out =
        render(
            ExecutionResult.Status.ROLLBACK_INCOMPLETE,
            List.of(
                new UndoResult(
                    "volume.data",
                    UndoResult.Outcome.FAILED,
                    "remove",
                    new IllegalStateException("x")),
                new UndoResult("network.default", UndoResult.Outcome.ABANDONED, "stopped", null)));

    assertThat(out)
        .contains("the rollback is INCOMPLETE")
        .doesNotContain("every completed step was undone")
        .contains("  volume.data: its undo failed, so it was not confirmed")
        .contains("  network.default: the rollback was stopped before it");
  }

  private static String render(ExecutionResult.Status status, List<UndoResult> rollback) {
    ExecutionResult r =
        new ExecutionResult(
            status, List.of(FAILED), List.of(FAILED), rollback, List.of(), Path.of("j.jsonl"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ApplyReportView.render(
        new ApplyResult(r, Optional.empty()), "apply", new PrintWriter(out), new PrintWriter(err));
    return out.toString();
  }
}
