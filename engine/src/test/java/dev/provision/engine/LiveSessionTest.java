package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.FakeHostDriver;
import dev.provision.model.Address;
import dev.provision.model.Spec;
import dev.provision.model.VolumeResource;
import dev.provision.plan.Action;
import dev.provision.spec.SpecResult;
import dev.provision.testing.TestSpecs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Live sessions on the in-memory host: what is planned and what is refused before any step. */
class LiveSessionTest {
  private final Spec spec = TestSpecs.quickstart();

  private LiveSession open(FakeHostDriver host, Engine.Mode mode) {
    return LiveSession.open(new SpecResult(spec, List.of()), Path.of("app.yaml"), host, mode);
  }

  @Test
  void anEmptyHostPlansEverythingAndGeneratesTheSecretOnlyForApply() {
    FakeHostDriver host = new FakeHostDriver();
    assertThat(open(host, Engine.Mode.PLAN).secretSources())
        .containsEntry("instance-secret", "unknown");
    LiveSession apply = open(host, Engine.Mode.APPLY);
    assertThat(apply.secretSources()).containsEntry("instance-secret", "generated");
    assertThat(apply.plan().changes()).allMatch(c -> c.action() == Action.CREATE);
  }

  @Test
  void dataWithoutItsSecretIsNeverStartedWithANewOne() {
    FakeHostDriver host = new FakeHostDriver();
    host.createVolume("app", new VolumeResource(Address.parse("volume.data"), "app-data"));
    assertThat(open(host, Engine.Mode.PLAN).plan().changes()).isNotEmpty();
    assertThatThrownBy(() -> open(host, Engine.Mode.APPLY))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining(
            "the data volume app-data exists, but provision cannot find its instance secret")
        .hasMessageContaining("restore the secrets file");
  }
}
