package dev.provision.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.model.Address;
import dev.provision.plan.Action;
import dev.provision.plan.Change;
import dev.provision.plan.Consequence;
import dev.provision.plan.Plan;
import dev.provision.plan.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code functions.deploy} reads in a plan: its reason, its grade and that it has no undo. */
class FunctionsPlanViewTest {
  private static final Plan PLAN =
      new Plan(
          Plan.FORMAT_VERSION,
          "app",
          "app.yaml",
          "docker",
          List.of(
              new Change(
                  Address.of(Address.Kind.FUNCTIONS, "deploy"),
                  Action.UPDATE,
                  List.of(),
                  "the app's functions changed since the last push (aaaaaaaaaaaa -> bbbbbbbbbbbb)",
                  Risk.IRREVERSIBLE,
                  List.of(
                      new Consequence(
                          Risk.IRREVERSIBLE,
                          "functions have no undo; a failed push keeps the previous functions",
                          "keep the app under version control")),
                  List.of())),
          List.of(),
          List.of());

  @Test
  void textShowsTheChangeItsReasonAndItsConsequence() {
    String text = PlanTextView.render(PLAN, false);
    assertThat(text)
        .contains("functions.deploy")
        .contains("the app's functions changed since the last push (aaaaaaaaaaaa -> bbbbbbbbbbbb)")
        .contains("functions have no undo; a failed push keeps the previous functions")
        .contains("irreversible");
  }

  @Test
  void jsonReadsBackTheSameAddress() throws Exception {
    String json = PlanJsonView.render(PLAN);
    assertThat(json).contains("functions.deploy").contains("irreversible");
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var schema =
        com.networknt.schema.JsonSchemaFactory.getInstance(
                com.networknt.schema.SpecVersion.VersionFlag.V202012)
            .getSchema(
                mapper.readTree(
                    java.nio.file.Files.readString(
                        java.nio.file.Path.of("..", "schemas", "plan-v1.schema.json"))));
    assertThat(schema.validate(mapper.readTree(json))).isEmpty();
    String again = PlanJsonView.render(PlanJsonReader.read(json, "plan.json"));
    assertThat(again).isEqualTo(json);
  }
}
