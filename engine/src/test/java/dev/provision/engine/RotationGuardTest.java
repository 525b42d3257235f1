package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.desired.DesiredStateCompiler;
import dev.provision.desired.SecretValues;
import dev.provision.diag.ProvisionException;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.DesiredState;
import dev.provision.model.Value;
import dev.provision.plan.Plan;
import dev.provision.plan.Planner;
import dev.provision.policy.ConvexPolicy;
import dev.provision.testing.TestSpecs;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RotationGuardTest {
  private static SecretValues secret(String hex) {
    return new SecretValues(
        Optional.of(Value.secret(hex)), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static Plan plan(SecretValues live, SecretValues wanted) {
    DesiredState before = DesiredStateCompiler.compile(TestSpecs.quickstart(), live);
    TreeMap<Address, ObservedResource> map = new TreeMap<>();
    before.resources().forEach((a, r) -> map.put(a, ObservedResource.of(r)));
    return Planner.plan(
        DesiredStateCompiler.compile(TestSpecs.quickstart(), wanted),
        new ObservedState("app", map),
        new Planner.Request("app.yaml", "live", List.of(), false, ConvexPolicy.instance()));
  }

  @Test
  void aRotationIsRefusedWithoutTheFlagAndNamesTheConsequence() {
    Plan rotation = plan(secret("a".repeat(64)), secret("b".repeat(64)));
    assertThatThrownBy(() -> RotationGuard.check(rotation, false))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("rotate the instance secret")
        .hasMessageContaining("--allow-secret-rotation")
        .hasMessageNotContaining("aaaa")
        .hasMessageNotContaining("bbbb");
    assertThatCode(() -> RotationGuard.check(rotation, true)).doesNotThrowAnyException();
  }

  @Test
  void aFirstApplyOrAnUnchangedSecretPasses() {
    Plan same = plan(secret("a".repeat(64)), secret("a".repeat(64)));
    assertThat(same.isEmpty()).isTrue();
    assertThatCode(() -> RotationGuard.check(same, false)).doesNotThrowAnyException();
    DesiredState fresh =
        DesiredStateCompiler.compile(TestSpecs.quickstart(), secret("c".repeat(64)));
    Plan first =
        Planner.plan(
            fresh,
            ObservedState.empty("app"),
            new Planner.Request("app.yaml", "live", List.of(), false, ConvexPolicy.instance()));
    assertThatCode(() -> RotationGuard.check(first, false)).doesNotThrowAnyException();
  }
}
