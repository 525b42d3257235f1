package dev.provision.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No view, in any form, ever shows the text of a sensitive value. */
class SensitiveValuesTest {

  @Test
  void noViewShowsASecret() {
    List<String> outputs = new ArrayList<>();
    for (Plan plan :
        List.of(
            PlanFixtures.empty(),
            PlanFixtures.createEverything(),
            PlanFixtures.mixed(),
            PlanFixtures.dangerous(),
            PlanFixtures.recovering())) {
      outputs.add(PlanTextView.render(plan, false));
      outputs.add(PlanTextView.render(plan, true));
      String json = PlanJsonView.render(plan);
      outputs.add(json);
      outputs.addAll(PlanMarkdownView.render(plan));
      outputs.addAll(PlanMarkdownView.render(plan, 800));
      Plan read = PlanJsonReader.read(json, "plan.json");
      outputs.add(PlanTextView.render(read, false));
      outputs.addAll(PlanMarkdownView.render(read));
      outputs.add(read.toString());
    }
    for (String output : outputs) {
      for (String secret : PlanFixtures.SECRETS) {
        assertThat(output).doesNotContain(secret);
      }
    }
  }

  @Test
  void maskedSensitiveAttributesReadAsSuch() {
    String text = PlanTextView.render(PlanFixtures.mixed(), false);
    assertThat(text).contains("~ value: (sensitive, changed)");
    assertThat(text).contains("+ value: (sensitive)");
    assertThat(PlanJsonView.render(PlanFixtures.mixed())).contains("\"sensitive\": true");
  }
}
