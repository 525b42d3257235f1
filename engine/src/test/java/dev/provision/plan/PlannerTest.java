package dev.provision.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.desired.DesiredStateCompiler;
import dev.provision.desired.SecretValues;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.Dashboard;
import dev.provision.model.Database;
import dev.provision.model.DesiredState;
import dev.provision.model.Spec;
import dev.provision.model.Value;
import dev.provision.policy.ConvexPolicy;
import dev.provision.testing.TestSpecs;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerTest {
  private static final Planner.Request REQUEST =
      new Planner.Request("app.yaml", "empty", List.of(), false, ConvexPolicy.instance());

  static DesiredState compile(Spec spec) {
    return DesiredStateCompiler.compile(spec, SecretValues.unknown());
  }

  static ObservedState asApplied(DesiredState state) {
    TreeMap<Address, ObservedResource> map = new TreeMap<>();
    state.resources().forEach((a, r) -> map.put(a, ObservedResource.of(r)));
    return new ObservedState(state.deployment(), map);
  }

  static Plan between(Spec before, Spec after) {
    return Planner.plan(compile(after), asApplied(compile(before)), REQUEST);
  }

  @Test
  void quickstartAgainstNothingCreatesEverythingSafely() {
    Plan plan = Planner.plan(compile(TestSpecs.quickstart()), ObservedState.empty("app"), REQUEST);
    assertThat(plan.changes())
        .extracting(c -> c.address().toString())
        .containsExactly(
            "container.backend",
            "container.dashboard",
            "network.default",
            "secret.instance",
            "volume.data");
    assertThat(plan.changes()).allMatch(c -> c.action() == Action.CREATE);
    assertThat(plan.highestRisk()).isEqualTo(Risk.SAFE);
  }

  @Test
  void backendStartWaitsForNetworkVolumeAndSecretWhileImagesAreCheckedAtOnce() {
    Plan plan = Planner.plan(compile(TestSpecs.quickstart()), ObservedState.empty("app"), REQUEST);
    PlannedStep start = step(plan, "container.backend/start-container");
    PlannedStep image = step(plan, "container.backend/ensure-image");
    assertThat(start.dependsOn())
        .containsExactly(
            "container.backend/ensure-image",
            "network.default/create-network",
            "secret.instance/store-secret",
            "volume.data/create-volume");
    assertThat(image.dependsOn()).isEmpty();
    assertThat(step(plan, "container.dashboard/ensure-image").dependsOn()).isEmpty();
    // the dashboard starts beside the backend, as docker-compose starts them
    assertThat(step(plan, "container.dashboard/start-container").dependsOn())
        .containsExactly(
            "container.dashboard/ensure-image",
            "network.default/create-network",
            "secret.instance/store-secret",
            "volume.data/create-volume");
  }

  static Stream<Spec> specs() {
    Spec q = TestSpecs.quickstart();
    return Stream.of(
        q,
        TestSpecs.withDatabase(q, TestSpecs.managedPostgres()),
        TestSpecs.withEnv(q, "OPENAI_API_KEY", Value.secret("sk-123")));
  }

  @ParameterizedTest
  @MethodSource("specs")
  void aSpecAgainstItselfIsEmpty(Spec spec) {
    Plan plan = between(spec, spec);
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.changes()).isEmpty();
  }

  @Test
  void aKnobChangeIsOneRestart() {
    Spec before = TestSpecs.quickstart();
    Spec after = TestSpecs.withBackend(before, TestSpecs.rustLog(before.backend(), "debug"));
    Plan plan = between(before, after);
    assertThat(plan.changes()).hasSize(1);
    Change c = plan.changes().get(0);
    assertThat(c.address().toString()).isEqualTo("container.backend");
    assertThat(c.action()).isEqualTo(Action.REPLACE);
    assertThat(c.risk()).isEqualTo(Risk.RESTART);
    assertThat(c.attributes())
        .containsExactly(
            new AttributeChange("env.RUST_LOG", Value.plain("info"), Value.plain("debug")));
    assertThat(c.steps())
        .extracting(PlannedStep::verb)
        .containsExactly("ensure-image", "replace-container");
    assertThat(c.steps().get(1).undo()).isNotNull();
  }

  @Test
  void aContainerThatOwnsDataIsStoppedFirstAndThePlanSaysSo() {
    Spec before = TestSpecs.quickstart();
    Spec after = TestSpecs.withBackend(before, TestSpecs.rustLog(before.backend(), "debug"));
    PlannedStep replace = step(between(before, after), "container.backend/replace-container");
    assertThat(replace.description())
        .isEqualTo(
            "stop the old container (kept as app-backend-prev until the apply completes), "
                + "start the new one, wait until ready container.backend");
    assertThat(replace.undo())
        .isEqualTo("stop the new container, then restore and start the previous one");
  }

  @Test
  void aStatelessContainerOnNewPortsStartsBesideTheOldOne() {
    Spec before = TestSpecs.quickstart();
    Dashboard d = before.dashboard();
    Spec after =
        before.toBuilder()
            .dashboard(
                new Dashboard(
                    d.enabled(), d.image(), 6792, d.deploymentUrl(), d.allowVersionMismatch()))
            .build();
    PlannedStep replace = step(between(before, after), "container.dashboard/replace-container");
    assertThat(replace.description())
        .isEqualTo(
            "start the new container beside the old one, wait until ready, then stop the old one "
                + "(kept as app-dashboard-prev until the apply completes) container.dashboard");
  }

  @Test
  void aManagedPostgresPasswordChangeSetsItInPostgresFirstAndIsDowntime() {
    Spec q = TestSpecs.quickstart();
    Spec before =
        TestSpecs.withDatabase(
            q,
            new Database.ManagedPostgres(
                "postgres:17", "app-pgdata", "convex", Value.secret("old")));
    Spec after =
        TestSpecs.withDatabase(
            q,
            new Database.ManagedPostgres(
                "postgres:17", "app-pgdata", "convex", Value.secret("new")));
    Plan plan = between(before, after);

    Change postgres = change(plan, "container.postgres");
    assertThat(postgres.steps())
        .extracting(PlannedStep::verb)
        .containsExactly("ensure-image", "set-postgres-password", "replace-container");
    assertThat(postgres.steps().get(1).undo()).isEqualTo("set the previous password again");
    assertThat(postgres.risk()).isEqualTo(Risk.DOWNTIME);
    assertThat(consequences(postgres)).contains("ALTER ROLE");
    assertThat(postgres.steps().get(2).description()).startsWith("stop the old container");
    Change backend = change(plan, "container.backend");
    assertThat(backend.risk()).isEqualTo(Risk.DOWNTIME);
    assertThat(consequences(backend)).contains("new credentials");
    assertThat(step(plan, "container.backend/ensure-image").dependsOn()).isEmpty();
    assertThat(step(plan, "container.backend/replace-container").dependsOn())
        .contains("container.backend/ensure-image", "container.postgres/replace-container");
  }

  @Test
  void anImageUpgradeIsIrreversibleWithNoUndo() {
    Spec before = TestSpecs.quickstart();
    Spec after =
        TestSpecs.withBackend(
            before, TestSpecs.image(before.backend(), "ghcr.io/get-convex/convex-backend:abc"));
    Change c = between(before, after).changes().get(0);
    assertThat(c.risk()).isEqualTo(Risk.IRREVERSIBLE);
    assertThat(consequences(c)).contains("forward-only migrations");
    assertThat(c.steps().get(1).undo()).isNull();
    assertThat(c.steps().get(1).undoNote()).contains("npx convex export");
  }

  @Test
  void sqliteToPostgresIsDataLoss() {
    Spec before = TestSpecs.quickstart();
    Plan plan = between(before, TestSpecs.withDatabase(before, TestSpecs.managedPostgres()));
    Change backend = change(plan, "container.backend");
    assertThat(backend.risk()).isEqualTo(Risk.DATA_LOSS);
    assertThat(consequences(backend)).contains("npx convex import --replace-all");
    assertThat(change(plan, "database.postgres").action()).isEqualTo(Action.CREATE);
    assertThat(plan.highestRisk()).isEqualTo(Risk.DATA_LOSS);
  }

  @Test
  void aRotatedInstanceSecretIsIrreversibleAndMasked() {
    Spec spec = TestSpecs.quickstart();
    SecretValues one =
        new SecretValues(
            Optional.of(Value.secret("a".repeat(64))),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    SecretValues two =
        new SecretValues(
            Optional.of(Value.secret("b".repeat(64))),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    Plan plan =
        Planner.plan(
            DesiredStateCompiler.compile(spec, two),
            asApplied(DesiredStateCompiler.compile(spec, one)),
            REQUEST);
    assertThat(change(plan, "secret.instance").risk()).isEqualTo(Risk.IRREVERSIBLE);
    assertThat(consequences(change(plan, "container.backend"))).contains("every admin key");
    assertThat(plan.toString()).doesNotContain("aaaa").doesNotContain("bbbb");
  }

  @Test
  void aVolumeThatLeftTheSpecIsKeptWithAWarning() {
    Spec before = TestSpecs.withDatabase(TestSpecs.quickstart(), TestSpecs.managedPostgres());
    Plan plan = between(before, TestSpecs.quickstart());
    assertThat(plan.changes())
        .extracting(c -> c.address().toString())
        .doesNotContain("volume.postgres", "database.postgres");
    assertThat(change(plan, "container.postgres").action()).isEqualTo(Action.DELETE);
    assertThat(plan.warnings())
        .extracting(d -> d.path())
        .contains("volume.postgres", "database.postgres");
  }

  @Test
  void destroyKeepsDataUnlessAsked() {
    ObservedState live = asApplied(compile(TestSpecs.quickstart()));
    Plan keep = Planner.destroy(live, REQUEST);
    assertThat(keep.changes())
        .extracting(c -> c.address().toString())
        .containsExactly("container.backend", "container.dashboard", "network.default");
    assertThat(step(keep, "network.default/remove-network").dependsOn())
        .contains("container.backend/remove-container", "container.dashboard/remove-container");
    // the backend and the dashboard go side by side, as they start
    assertThat(step(keep, "container.backend/remove-container").dependsOn()).isEmpty();
    Plan delete =
        Planner.destroy(
            live,
            new Planner.Request("app.yaml", "live", List.of(), true, ConvexPolicy.instance()));
    assertThat(change(delete, "volume.data").risk()).isEqualTo(Risk.DATA_LOSS);
  }

  static Change change(Plan plan, String address) {
    return plan.changes().stream()
        .filter(c -> c.address().toString().equals(address))
        .findFirst()
        .orElseThrow();
  }

  static PlannedStep step(Plan plan, String id) {
    return plan.changes().stream()
        .flatMap(c -> c.steps().stream())
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  /** Every consequence of a change, one line each. */
  private static String consequences(Change c) {
    return c.consequences().stream()
        .map(Consequence::text)
        .collect(java.util.stream.Collectors.joining("\n"));
  }
}
