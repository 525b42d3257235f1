package dev.provision.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.model.Address;
import dev.provision.model.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PlanComparisonTest {
  private static final String TARGET = "docker unix:///var/run/docker.sock (API 1.41)";
  private static final String IMAGE_A = "sha256:" + "a".repeat(64);
  private static final String IMAGE_B = "sha256:" + "b".repeat(64);

  @Test
  void theSamePlanOnTheSameTargetMovedNothing() {
    assertThat(PlanComparison.moved(saved(plan(update()), facts()), saved(plan(update()), facts())))
        .isEmpty();
  }

  @Test
  void aDeploymentEditedInTheSavedPlanHasMoved() {
    // a reviewer read "Plan for deployment other"; apply would have changed "app"
    Plan edited =
        new Plan(
            Plan.FORMAT_VERSION,
            "other",
            "app.yaml",
            TARGET,
            List.of(update()),
            List.of(),
            List.of());
    assertThat(PlanComparison.moved(saved(edited, facts()), saved(plan(update()), facts())))
        .containsExactly("deployment other → app");
  }

  @Test
  void aSecretComparesByWhatItDoesNeverByValue() {
    Change was = change(Action.UPDATE, Risk.RESTART, attr("env.KEY", "s1", "s2", true));
    Change now = change(Action.UPDATE, Risk.RESTART, attr("env.KEY", "s3", "s4", true));
    assertThat(PlanComparison.moved(saved(plan(was), facts()), saved(plan(now), facts())))
        .isEmpty();
    Change added = change(Action.UPDATE, Risk.RESTART, attr("env.KEY", null, "s4", true));
    assertThat(PlanComparison.moved(saved(plan(was), facts()), saved(plan(added), facts())))
        .containsExactly(
            "container.backend: env.KEY planned (sensitive, changed), now (sensitive, added)");
  }

  @Test
  void aChangedActionRiskOrAttributeIsNamed() {
    Change replace = change(Action.REPLACE, Risk.RESTART, attr("image", "a", "b", false));
    assertThat(PlanComparison.moved(saved(plan(update()), facts()), saved(plan(replace), facts())))
        .containsExactly("container.backend: planned update, now replace");
    Change riskier = change(Action.UPDATE, Risk.DOWNTIME, attr("image", "a", "c", false));
    assertThat(PlanComparison.moved(saved(plan(update()), facts()), saved(plan(riskier), facts())))
        .containsExactly(
            "container.backend: risk restart → downtime",
            "container.backend: image planned a → b, now a → c");
    assertThat(PlanComparison.moved(saved(plan(update()), facts()), saved(plan(), facts())))
        .containsExactly("container.backend: planned update, now no change");
    assertThat(PlanComparison.moved(saved(plan(), facts()), saved(plan(update()), facts())))
        .containsExactly("container.backend: not in the plan, now update");
  }

  @Test
  void whatMovedOnTheTargetIsNamed() {
    ObservedFacts was = facts();
    ObservedFacts now =
        new ObservedFacts(
            new TreeMap<>(
                Map.of(
                    "container.backend",
                    new ObservedFacts.ContainerFacts("c2" + "0".repeat(62), IMAGE_B, "v2:other"))),
            new TreeMap<>(Map.of("img:1", IMAGE_B)),
            new TreeMap<>(Map.of("app-data", ObservedFacts.ABSENT)),
            Optional.of("1.3"),
            new TreeMap<>(Map.of("secret.postgres-password", "hmac:02")),
            new TreeMap<>(Map.of("database.postgres", "16400")));
    assertThat(PlanComparison.moved(saved(plan(), was), saved(plan(), now)))
        .containsExactly(
            "container.backend: re-created since the plan (id c10000000000… → c20000000000…)",
            "container.backend: changed by hand (config hash)",
            "container.backend: image id sha256:aaaaaaaaaaaa… → sha256:bbbbbbbbbbbb…",
            "image img:1: sha256:aaaaaaaaaaaa… → sha256:bbbbbbbbbbbb…",
            "volume app-data: 20260101-x → (absent)",
            "backend version 1.2 → 1.3",
            "secret.postgres-password: changed since the plan (its value is not shown)",
            "database.postgres: re-created since the plan (oid 16384 → 16400)");
  }

  @Test
  void aDatabaseComparesByIdentity() {
    ObservedFacts oid = database("16384");
    ObservedFacts absent = database(ObservedFacts.ABSENT);
    ObservedFacts unknown = database(ObservedFacts.UNKNOWN);
    assertThat(PlanComparison.moved(saved(plan(), oid), saved(plan(), oid))).isEmpty();
    assertThat(PlanComparison.moved(saved(plan(), absent), saved(plan(), absent))).isEmpty();
    assertThat(PlanComparison.moved(saved(plan(), oid), saved(plan(), absent)))
        .containsExactly("database.postgres: removed since the plan (was oid 16384)");
    assertThat(PlanComparison.moved(saved(plan(), absent), saved(plan(), oid)))
        .containsExactly("database.postgres: created since the plan (oid 16384)");
    // one that could not be read compares by kind: nothing to say
    assertThat(PlanComparison.moved(saved(plan(), unknown), saved(plan(), oid))).isEmpty();
    assertThat(PlanComparison.moved(saved(plan(), oid), saved(plan(), unknown))).isEmpty();
  }

  @Test
  void aPlanFileWithoutDatabasesIsNamedOnlyWhenTheDatabaseExists() {
    ObservedFacts old = database(null);
    assertThat(PlanComparison.moved(saved(plan(), old), saved(plan(), database("16384"))))
        .containsExactly(
            "database.postgres: not recorded in the plan file (its identity cannot be compared)");
    assertThat(
            PlanComparison.moved(saved(plan(), old), saved(plan(), database(ObservedFacts.ABSENT))))
        .isEmpty();
    assertThat(
            PlanComparison.moved(
                saved(plan(), old), saved(plan(), database(ObservedFacts.UNKNOWN))))
        .isEmpty();
  }

  /** {@link #facts()} with {@code database.postgres} recorded as {@code identity} (null: none). */
  private static ObservedFacts database(String identity) {
    ObservedFacts f = facts();
    TreeMap<String, String> databases = new TreeMap<>();
    if (identity != null) {
      databases.put("database.postgres", identity);
    }
    return new ObservedFacts(
        f.containers(), f.images(), f.volumes(), f.backendVersion(), f.secrets(), databases);
  }

  @Test
  void aSecretGeneratedAtApplyComparesByKind() {
    ObservedFacts generated = facts(ObservedFacts.GENERATED);
    ObservedFacts unknown = facts(ObservedFacts.UNKNOWN);
    assertThat(PlanComparison.moved(saved(plan(), generated), saved(plan(), generated))).isEmpty();
    assertThat(PlanComparison.moved(saved(plan(), unknown), saved(plan(), facts()))).isEmpty();
    assertThat(PlanComparison.moved(saved(plan(), generated), saved(plan(), facts())))
        .containsExactly(
            "secret.postgres-password: planned generated at apply, now an existing value");
  }

  @Test
  void aSecretFingerprintTakenOutOfThePlanFileIsNamed() {
    ObservedFacts was = facts();
    ObservedFacts edited =
        new ObservedFacts(
            was.containers(),
            was.images(),
            was.volumes(),
            was.backendVersion(),
            new TreeMap<>(),
            was.databases());
    assertThat(PlanComparison.moved(saved(plan(), edited), saved(plan(), was)))
        .containsExactly(
            "secret.postgres-password: not recorded in the plan file (its value cannot be"
                + " compared)");
  }

  @Test
  void anotherTargetIsNamed() {
    SavedPlan other = SavedPlan.of(plan(), Optional.of(source()), "ssh://deploy@host", facts());
    assertThat(PlanComparison.moved(saved(plan(), facts()), other))
        .containsExactly("target " + TARGET + " → ssh://deploy@host");
  }

  private static ObservedFacts facts() {
    return facts("hmac:01");
  }

  private static ObservedFacts facts(String secret) {
    return new ObservedFacts(
        new TreeMap<>(
            Map.of(
                "container.backend",
                new ObservedFacts.ContainerFacts("c1" + "0".repeat(62), IMAGE_A, "v2:hash"))),
        new TreeMap<>(Map.of("img:1", IMAGE_A)),
        new TreeMap<>(Map.of("app-data", "20260101-x")),
        Optional.of("1.2"),
        new TreeMap<>(Map.of("secret.postgres-password", secret)),
        new TreeMap<>(Map.of("database.postgres", "16384")));
  }

  private static SavedPlan saved(Plan plan, ObservedFacts facts) {
    return SavedPlan.of(plan, Optional.of(source()), TARGET, facts);
  }

  private static PlanSource source() {
    return new PlanSource("app.yaml", List.of(), List.of());
  }

  private static Plan plan(Change... changes) {
    return new Plan(
        Plan.FORMAT_VERSION, "app", "app.yaml", TARGET, List.of(changes), List.of(), List.of());
  }

  private static Change update() {
    return change(Action.UPDATE, Risk.RESTART, attr("image", "a", "b", false));
  }

  private static Change change(Action action, Risk risk, AttributeChange attribute) {
    return new Change(
        Address.parse("container.backend"),
        action,
        List.of(attribute),
        "why",
        risk,
        List.of(),
        List.of());
  }

  private static AttributeChange attr(String path, String before, String after, boolean secret) {
    return new AttributeChange(
        path,
        before == null ? null : new Value(before, secret),
        after == null ? null : new Value(after, secret));
  }
}
