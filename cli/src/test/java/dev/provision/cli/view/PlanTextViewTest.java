package dev.provision.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlanTextViewTest {

  @Test
  void emptyPlanSaysNothingChanges() {
    Goldens.check("empty.txt", PlanTextView.render(PlanFixtures.empty(), false));
  }

  @Test
  void createEverything() {
    Goldens.check("create.txt", PlanTextView.render(PlanFixtures.createEverything(), false));
  }

  @Test
  void updateReplaceDeleteSensitiveDriftAndWarning() {
    Goldens.check("mixed.txt", PlanTextView.render(PlanFixtures.mixed(), false));
  }

  @Test
  void dataLossAndIrreversibleGetABanner() {
    Goldens.check("dangerous.txt", PlanTextView.render(PlanFixtures.dangerous(), false));
  }

  @Test
  void hugePlan() {
    Goldens.check("huge.txt", PlanTextView.render(PlanFixtures.huge(), false));
  }

  @Test
  void anInterruptedApplyIsShownFirst() {
    Goldens.check("recovering.txt", PlanTextView.render(PlanFixtures.recovering(), false));
  }

  @Test
  void colourOnlyWhenAsked() {
    String colour = PlanTextView.render(PlanFixtures.dangerous(), true);
    Goldens.check("dangerous.color.txt", colour);
    assertThat(colour).contains("\u001b[1;31m!! WARNING");
    assertThat(PlanTextView.render(PlanFixtures.mixed(), false)).doesNotContain("\u001b[");
  }

  @Test
  void colourMarksEachAction() {
    Goldens.check("mixed.color.txt", PlanTextView.render(PlanFixtures.mixed(), true));
  }
}
