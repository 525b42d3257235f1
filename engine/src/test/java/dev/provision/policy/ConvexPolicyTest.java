package dev.provision.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.desired.Names;
import dev.provision.model.Address;
import dev.provision.model.Value;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Grade;
import dev.provision.plan.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Convex knowledge the generic planner is given: risks, order, data-touching replaces. */
class ConvexPolicyTest {
  private static final ConvexPolicy POLICY = ConvexPolicy.instance();

  private static List<AttributeChange> changed(String path) {
    return List.of(new AttributeChange(path, Value.plain("a"), Value.plain("b")));
  }

  @Test
  void partsStartInTheOrderTheyNeedEachOther() {
    assertThat(POLICY.rank(Names.NETWORK)).isEqualTo(0);
    assertThat(POLICY.rank(Names.DATA_VOLUME)).isEqualTo(0);
    assertThat(POLICY.rank(Names.INSTANCE_SECRET)).isEqualTo(0);
    assertThat(POLICY.rank(Names.POSTGRES_CONTAINER)).isEqualTo(1);
    assertThat(POLICY.rank(Names.DATABASE)).isEqualTo(2);
    assertThat(POLICY.rank(Names.BACKEND)).isEqualTo(3);
    assertThat(POLICY.rank(Address.of(Address.Kind.CONTAINER, "backend-prev"))).isEqualTo(3);
    assertThat(POLICY.rank(Names.DASHBOARD)).isEqualTo(3);
    assertThat(POLICY.rank(Names.ENV_FILE)).isEqualTo(4);
  }

  @Test
  void onlyContainersWaitForTheDashboardStartedBesideTheBackend() {
    Address env = Address.of(Address.Kind.ENV, "AUTH_GITHUB_ID");
    Address proxy = Address.of(Address.Kind.CONTAINER, "proxy");
    assertThat(POLICY.waitsFor(env, Names.DASHBOARD)).isFalse();
    assertThat(POLICY.waitsFor(Names.ENV_FILE, Names.DASHBOARD)).isFalse();
    assertThat(POLICY.waitsFor(proxy, Names.DASHBOARD)).isTrue();
    assertThat(POLICY.waitsFor(env, Names.BACKEND)).isTrue();
  }

  @Test
  void aBackendImageUpgradeMigratesDataAndHasNoUndo() {
    Grade g = POLICY.grade(Names.BACKEND, Action.REPLACE, changed("image"));
    assertThat(g.risk()).isEqualTo(Risk.IRREVERSIBLE);
    assertThat(POLICY.migratesData(Names.BACKEND, changed("image"))).isTrue();
    assertThat(POLICY.replaceHasNoUndo(Names.BACKEND, g)).isTrue();
    assertThat(POLICY.migratesData(Names.DASHBOARD, changed("image"))).isFalse();
    assertThat(POLICY.migratesData(Names.BACKEND, changed("env.RUST_LOG"))).isFalse();
    Grade restart = POLICY.grade(Names.BACKEND, Action.REPLACE, changed("env.RUST_LOG"));
    assertThat(POLICY.replaceHasNoUndo(Names.BACKEND, restart)).isFalse();
  }

  @Test
  void gradesSpeakConvex() {
    assertThat(POLICY.grade(Names.INSTANCE_SECRET, Action.UPDATE, List.of()).consequences())
        .containsExactly(ConvexConsequences.INSTANCE_SECRET);
    assertThat(POLICY.grade(Address.of(Address.Kind.ENV, "JWKS"), Action.UPDATE, List.of()).risk())
        .isEqualTo(Risk.DOWNTIME);
    assertThat(POLICY.grade(Names.DATA_VOLUME, Action.DELETE, List.of()).risk())
        .isEqualTo(Risk.DATA_LOSS);
  }
}
