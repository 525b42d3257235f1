package dev.provision.exec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.FakeHostDriver;
import dev.provision.exec.Applied;
import dev.provision.exec.Fixtures;
import dev.provision.exec.StepContext;
import dev.provision.exec.TestClock;
import dev.provision.exec.Undo;
import dev.provision.model.Address;
import dev.provision.model.NetworkResource;
import dev.provision.model.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetPostgresPasswordStepTest {
  private final FakeHostDriver host = new FakeHostDriver().addImage("pg:1");
  private final StepContext context = Fixtures.context(host, TestClock.at("2026-11-27T10:00:00Z"));

  @Test
  void thePasswordTravelsInTheExecEnvironmentNeverOnTheCommandLine() throws Exception {
    host.createNetwork(
        "demo", new NetworkResource(Address.of(Address.Kind.NETWORK, "main"), "demo-net"));
    host.createContainer("demo", Fixtures.postgres("pg:1", "pgdata"), "db", "h");
    host.startContainer("db");
    SetPostgresPasswordStep step =
        new SetPostgresPasswordStep(
            "container.postgres/set-postgres-password",
            List.of(),
            "db",
            "convex",
            Value.secret("n3w-it's"),
            Value.secret("0ld"));

    Applied stepDone = step.apply(context);

    assertThat(host.calls())
        .contains(
            "exec db sh -c printf '%s\\n' \"$PROVISION_SQL\" | psql -v ON_ERROR_STOP=1 -q -U"
                + " \"$1\" -d postgres sh convex env=[PROVISION_SQL]");
    assertThat(String.join("\n", host.calls())).doesNotContain("n3w").doesNotContain("0ld");
    assertThat(host.lastExecEnv())
        .containsEntry("PROVISION_SQL", "ALTER ROLE \"convex\" PASSWORD 'n3w-it''s'");
    assertThat(step.description()).doesNotContain("n3w");

    ((Undo.Run) stepDone.undo()).action().run(context);
    assertThat(host.lastExecEnv())
        .containsEntry("PROVISION_SQL", "ALTER ROLE \"convex\" PASSWORD '0ld'");
  }
}
