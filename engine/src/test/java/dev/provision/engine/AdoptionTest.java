package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.FakeHostDriver;
import dev.provision.driver.Labels;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Mount;
import dev.provision.model.NetworkResource;
import dev.provision.model.Spec;
import dev.provision.model.Value;
import dev.provision.model.VolumeResource;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Change;
import dev.provision.plan.PlannedStep;
import dev.provision.plan.Risk;
import dev.provision.plan.Verbs;
import dev.provision.spec.SpecResult;
import dev.provision.testing.TestSpecs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Data made outside provision, on the in-memory host: a volume the spec names without provision's
 * labels is adopted (never recreated), another container writing it is taken out, and destroy
 * --delete-data deletes an adopted volume only once its name was confirmed.
 */
class AdoptionTest {
  private static final Address DATA = Address.parse("volume.data");
  private final Spec spec = TestSpecs.quickstart(); // deployment app, data volume app-data

  private LiveSession open(FakeHostDriver host, Engine.Mode mode) {
    return LiveSession.open(new SpecResult(spec, List.of()), Path.of("app.yaml"), host, mode);
  }

  private static Optional<Change> change(LiveSession s, Address a) {
    return s.plan().changes().stream().filter(c -> c.address().equals(a)).findFirst();
  }

  private static ContainerResource composeBackend(String restart) {
    return new ContainerResource(
        Address.of(Address.Kind.CONTAINER, "compose-backend"),
        "compose-backend",
        "convex-backend:compose",
        new TreeMap<>(),
        List.of(),
        List.of(Mount.volume("app-data", "/convex/data")),
        null,
        null,
        List.of(),
        restart,
        null,
        10,
        null,
        List.of(),
        null);
  }

  @Test
  void aVolumeWithoutLabelsThatTheSpecNamesIsAdoptedNotCreated() {
    FakeHostDriver host = new FakeHostDriver().addForeignVolume("app-data");
    Change adopt = change(open(host, Engine.Mode.PLAN), DATA).orElseThrow();
    assertThat(adopt.action()).isEqualTo(Action.ADOPT);
    assertThat(adopt.risk()).isEqualTo(Risk.SAFE);
    assertThat(adopt.attributes()).isEmpty();
    assertThat(adopt.reason())
        .isEqualTo(
            "volume app-data exists without provision's labels (made by docker compose or by"
                + " hand): its data is used as it is, never recreated or deleted");
    assertThat(adopt.steps()).extracting(PlannedStep::verb).containsExactly(Verbs.ADOPT_VOLUME);
    assertThat(host.calls()).doesNotContain("createVolume app-data");
  }

  @Test
  void anAdoptedVolumeAlreadyInUseByTheDeploymentNeedsNoChange() {
    FakeHostDriver host = new FakeHostDriver().addImage("img").addForeignVolume("app-data");
    ContainerResource user = composeBackend("unless-stopped");
    host.createContainer(
        "app", withImage(user, "img"), "app-user", "h", Map.of(Labels.ADOPTED_VOLUMES, "app-data"));
    assertThat(change(open(host, Engine.Mode.PLAN), DATA)).isEmpty();
  }

  @Test
  void aDataVolumeOfAnotherInstanceIsRefused() {
    FakeHostDriver host =
        new FakeHostDriver()
            .addImage(
                spec.backend().image(),
                Map.of(),
                Map.of("/convex/data/credentials/instance_name", "shop\n"))
            .addForeignVolume("app-data");
    assertThatThrownBy(() -> open(host, Engine.Mode.PLAN))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("the data volume app-data belongs to the instance 'shop', not 'app'")
        .hasMessageContaining("set deployment to shop to adopt this data");
  }

  @Test
  void anotherRunningWriterOfTheDataIsStoppedAndKeptFromComingBack() {
    FakeHostDriver host =
        new FakeHostDriver()
            .addForeignVolume("app-data")
            .addForeignContainer(composeBackend("always"), true);
    Change writer =
        change(open(host, Engine.Mode.PLAN), Address.of(Address.Kind.WRITER, "compose-backend"))
            .orElseThrow();
    assertThat(writer.action()).isEqualTo(Action.UPDATE);
    assertThat(writer.risk()).isEqualTo(Risk.DOWNTIME);
    assertThat(writer.attributes())
        .containsExactly(
            new AttributeChange("restart", Value.plain("always"), Value.plain("no")),
            new AttributeChange("running", Value.plain("true"), Value.plain("false")));
    assertThat(writer.reason())
        .isEqualTo(
            "container compose-backend (not made by provision) writes the same data (app-data):"
                + " it is stopped and kept (restart: no) so that only provision's backend writes"
                + " it");
    assertThat(writer.steps()).extracting(PlannedStep::verb).containsExactly(Verbs.STOP_WRITER);
  }

  @Test
  void aWriterAlreadyStoppedWithRestartNoIsLeftAlone() {
    FakeHostDriver host =
        new FakeHostDriver()
            .addForeignVolume("app-data")
            .addForeignContainer(composeBackend("no"), false);
    LiveSession plan = open(host, Engine.Mode.PLAN);
    assertThat(change(plan, Address.of(Address.Kind.WRITER, "compose-backend"))).isEmpty();
  }

  @Test
  void aStoppedWriterThatWouldComeBackAtRebootIsStillTakenOut() {
    FakeHostDriver host =
        new FakeHostDriver()
            .addForeignVolume("app-data")
            .addForeignContainer(composeBackend("unless-stopped"), false);
    Change writer =
        change(open(host, Engine.Mode.PLAN), Address.of(Address.Kind.WRITER, "compose-backend"))
            .orElseThrow();
    assertThat(writer.attributes())
        .containsExactly(
            new AttributeChange("restart", Value.plain("unless-stopped"), Value.plain("no")),
            new AttributeChange("running", Value.plain("false"), Value.plain("false")));
  }

  @Test
  void destroyWithoutDeleteDataNeitherDeletesNorAsksForAdoptedVolumes() {
    FakeHostDriver host = new FakeHostDriver().addForeignVolume("app-data");
    LiveSession destroy = open(host, Engine.Mode.DESTROY);
    assertThat(destroy.adoptedVolumes()).isEmpty();
    assertThat(destroy.plan().warnings()).isEmpty();
    assertThat(destroy.plan().changes()).isEmpty();
  }

  @Test
  void deleteDataKeepsAnAdoptedVolumeWithAWarningUntilItsNameIsConfirmed() {
    FakeHostDriver host = new FakeHostDriver().addForeignVolume("app-data");
    host.createNetwork("app", new NetworkResource(Address.parse("network.default"), "app-net"));
    LiveSession destroy = open(host, Engine.Mode.DESTROY_DATA);

    assertThat(destroy.adoptedVolumes()).containsExactly("app-data");
    assertThat(change(destroy, DATA)).isEmpty();
    Diagnostic warning = destroy.plan().warnings().get(0);
    assertThat(warning.path()).isEqualTo("volume.data");
    assertThat(warning.message())
        .isEqualTo(
            "volume app-data was made outside provision and adopted: --delete-data keeps it"
                + " unless its deletion is confirmed by its name");
    assertThat(warning.hint())
        .isEqualTo(
            "type its name (app-data) when destroy asks on a terminal, or pass"
                + " --delete-adopted-volumes where no terminal is available; back up its data"
                + " first");

    LiveSession confirmed = destroy.deletingAdoptedVolumes(Set.of("app-data"));
    Change delete = change(confirmed, DATA).orElseThrow();
    assertThat(delete.action()).isEqualTo(Action.DELETE);
    assertThat(delete.risk()).isEqualTo(Risk.DATA_LOSS);
    assertThat(delete.reason())
        .isEqualTo(
            "volume app-data was made outside provision and adopted: --delete-data was given and"
                + " its deletion was confirmed by its name");
    assertThat(delete.steps()).extracting(PlannedStep::verb).containsExactly(Verbs.REMOVE_VOLUME);
    assertThat(confirmed.plan().warnings()).isEmpty();
    assertThat(change(confirmed, Address.parse("network.default"))).isPresent();
  }

  @Test
  void anAdoptedVolumeRecordedOnTheDeploymentsContainersIsKnownWhenTheSpecNoLongerNamesIt() {
    FakeHostDriver host = new FakeHostDriver().addImage("img").addForeignVolume("old-data");
    host.createVolume("app", new VolumeResource(DATA, "app-data"));
    ContainerResource backend = withImage(composeBackend("unless-stopped"), "img");
    host.createContainer(
        "app", backend, "app-backend", "h", Map.of(Labels.ADOPTED_VOLUMES, "old-data"));
    LiveSession destroy = open(host, Engine.Mode.DESTROY_DATA);

    assertThat(destroy.adoptedVolumes()).containsExactly("old-data");
    assertThat(change(destroy, DATA).map(Change::action)).contains(Action.DELETE);
    Address old = Address.of(Address.Kind.VOLUME, "old-data");
    assertThat(change(destroy, old)).isEmpty();
    assertThat(change(destroy.deletingAdoptedVolumes(Set.of("old-data")), old).map(Change::action))
        .contains(Action.DELETE);
  }

  @Test
  void onlyAdoptedVolumesCanBeConfirmedForDeletion() {
    FakeHostDriver host = new FakeHostDriver().addForeignVolume("app-data");
    LiveSession destroy = open(host, Engine.Mode.DESTROY_DATA);
    assertThatThrownBy(() -> destroy.deletingAdoptedVolumes(Set.of("someone-elses")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ContainerResource withImage(ContainerResource c, String image) {
    return new ContainerResource(
        c.address(),
        c.name(),
        image,
        c.env(),
        c.ports(),
        c.mounts(),
        c.network(),
        c.alias(),
        c.command(),
        c.restartPolicy(),
        c.stopSignal(),
        c.stopTimeoutSeconds(),
        c.readiness(),
        List.of(),
        null);
  }
}
