package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.model.Target;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a several-spec run names a target and tells two targets apart: a Swarm manager reached over
 * SSH reads as such, and is the same engine as a {@code target.ssh} on that server.
 */
class FleetMemberTargetTest {
  private static final Target.Ssh LOGIN =
      new Target.Ssh("manager-1", 22, "deploy", null, null, null, null, null);

  @Test
  void aSwarmOverSshReadsAsItsLogin() {
    assertThat(FleetMember.describe(Target.Swarm.overSsh(LOGIN, "data-1")))
        .isEqualTo("swarm ssh deploy@manager-1:22");
    assertThat(FleetMember.describe(new Target.Swarm("tcp://h:2376", null, false, null)))
        .isEqualTo("swarm tcp://h:2376");
  }

  @Test
  void aSwarmOverSshIsTheSameEngineAsTheSshTargetOnThatServer() {
    Map<String, String> env = Map.of();
    assertThat(FleetMember.identity(Target.Swarm.overSsh(LOGIN, null), env))
        .isEqualTo(FleetMember.identity(LOGIN, env))
        .isNotEqualTo(FleetMember.identity(new Target.Swarm(null, null, false, null), env));
  }
}
