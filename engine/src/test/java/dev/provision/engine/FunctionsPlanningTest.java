package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.functions.FunctionsState;
import dev.provision.plan.Action;
import dev.provision.plan.Change;
import dev.provision.plan.Plan;
import dev.provision.plan.Risk;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunctionsPlanningTest {
  private static final String NOW =
      "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

  @Test
  void aPushIsPlannedWhenNothingOrSomethingElseWasPushedAndNeverOtherwise() {
    assertThat(FunctionsPlanning.reason(Optional.empty(), NOW))
        .contains("no functions pushed by provision yet (app hash bbbbbbbbbbbb)");
    assertThat(
            FunctionsPlanning.reason(
                Optional.of(new FunctionsState("a".repeat(64), Optional.empty())), NOW))
        .contains("the app's functions changed since the last push (aaaaaaaaaaaa -> bbbbbbbbbbbb)");
    assertThat(
            FunctionsPlanning.reason(Optional.of(new FunctionsState(NOW, Optional.empty())), NOW))
        .isEmpty();
  }

  @Test
  void theConsequenceSaysThereIsNoUndoAndWhatAFailedPushMeans() {
    assertThat(FunctionsPlanning.ADDRESS.toString()).isEqualTo("functions.deploy");
    assertThat(FunctionsPlanning.NO_UNDO.risk()).isEqualTo(Risk.IRREVERSIBLE);
    assertThat(FunctionsPlanning.NO_UNDO.what())
        .isEqualTo("functions have no undo; a failed push keeps the previous functions");
    Plan empty =
        new Plan(Plan.FORMAT_VERSION, "app", "app.yaml", "docker", List.of(), List.of(), List.of());
    assertThat(FunctionsPlanning.pushes(empty)).isFalse();
    Plan one =
        new Plan(
            Plan.FORMAT_VERSION,
            "app",
            "app.yaml",
            "docker",
            List.of(
                new Change(
                    FunctionsPlanning.ADDRESS,
                    Action.CREATE,
                    List.of(),
                    "why",
                    Risk.IRREVERSIBLE,
                    List.of(FunctionsPlanning.NO_UNDO),
                    List.of())),
            List.of(),
            List.of());
    assertThat(FunctionsPlanning.pushes(one)).isTrue();
    assertThat(one.isEmpty()).isFalse();
  }
}
