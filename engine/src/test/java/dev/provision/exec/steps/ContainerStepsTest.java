package dev.provision.exec.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.driver.FakeHostDriver;
import dev.provision.driver.FakeScript;
import dev.provision.driver.FakeState;
import dev.provision.driver.FakeState.ContainerView;
import dev.provision.exec.Applied;
import dev.provision.exec.Fixtures;
import dev.provision.exec.StepContext;
import dev.provision.exec.TestClock;
import dev.provision.exec.Undo;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.VolumeResource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContainerStepsTest {
  private final FakeHostDriver host = new FakeHostDriver();
  private final List<String> progress = new ArrayList<>();
  private final StepContext context =
      Fixtures.context(host, TestClock.at("2026-11-27T10:00:00Z")).withProgress(progress::add);
  private final NetworkResource net =
      new NetworkResource(Address.of(Address.Kind.NETWORK, "main"), "demo-net");

  @BeforeEach
  void images() {
    host.addImage("app:1");
  }

  private static void undo(Applied applied, StepContext context) throws Exception {
    ((Undo.Run) applied.undo()).action().run(context);
  }

  @Test
  void createNetworkTwiceCreatesOnceAndUndoRemovesOnlyWhatItCreated() throws Exception {
    CreateNetworkStep first = new CreateNetworkStep("n", List.of(), net);
    Applied firstDone = first.apply(context);
    CreateNetworkStep again = new CreateNetworkStep("n", List.of(), net);
    Applied againDone = again.apply(context);

    assertThat(host.calls().stream().filter(c -> c.startsWith("createNetwork"))).hasSize(1);
    assertThat(againDone.undo()).isInstanceOf(Undo.NotNeeded.class);
    undo(firstDone, context);
    assertThat(host.state().networks()).isEmpty();
  }

  @Test
  void createVolumeNeverRemovesAVolumeThatExistedBefore() {
    VolumeResource data = new VolumeResource(Address.of(Address.Kind.VOLUME, "data"), "demo-data");
    host.createVolume("demo", data);

    CreateVolumeStep step = new CreateVolumeStep("v", List.of(), data);
    Applied stepDone = step.apply(context);

    assertThat(stepDone.undo())
        .isEqualTo(Undo.notNeeded("volume demo-data existed before this apply; kept"));
    assertThat(progress).containsExactly("volume demo-data already exists");
  }

  @Test
  void ensureImageUsesALocalImageAndPullsAMissingOneWithProgress() {
    new EnsureImageStep("i", List.of(), "app:1").apply(context);
    assertThat(host.calls()).doesNotContain("pullImage app:1");

    host.allowPull("app:2");
    new EnsureImageStep("i2", List.of(), "app:2").apply(context);
    assertThat(progress)
        .containsExactly(
            "image app:1 is present", "Pulling app:2", "Downloaded newer image for app:2");
  }

  @Test
  void ensureImageFailsWithTheImageNameWhenItCannotPull() {
    assertThatThrownBy(() -> new EnsureImageStep("i", List.of(), "ghost:1").apply(context))
        .hasMessageContaining("cannot pull image ghost:1");
  }

  @Test
  void startContainerCreatesStartsWaitsAndUndoRemoves() throws Exception {
    host.createNetwork("demo", net);
    StartContainerStep step =
        new StartContainerStep("c", List.of(), Fixtures.web("app:1", 8080), "h1");

    Applied stepDone = step.apply(context);
    assertThat(host.state().containers())
        .containsEntry("web", new ContainerView("app:1", "h1", true, null));

    undo(stepDone, context);
    assertThat(host.state().containers()).isEmpty();
  }

  @Test
  void startContainerTwiceIsSafe() {
    host.createNetwork("demo", net);
    ContainerResource web = Fixtures.web("app:1", 8080);
    new StartContainerStep("c", List.of(), web, "h1").apply(context);
    FakeState after = host.state();

    StartContainerStep again = new StartContainerStep("c", List.of(), web, "h1");
    Applied againDone = again.apply(context);

    assertThat(host.state()).isEqualTo(after);
    assertThat(againDone.undo()).isInstanceOf(Undo.NotNeeded.class);
  }

  @Test
  void startContainerThatExitsIsRemovedAgain() {
    host.createNetwork("demo", net);
    host.addImage("app:broken").script("app:broken", FakeScript.exitsAtOnce(2));

    assertThatThrownBy(
            () ->
                new StartContainerStep("c", List.of(), Fixtures.web("app:broken", 8080), "h1")
                    .apply(context))
        .hasMessageContaining("exited with code 2");
    assertThat(host.state().containers()).isEmpty();
  }

  @Test
  void startContainerReusesTheSameConfigWhateverItsLabelSays() {
    host.createNetwork("demo", net);
    host.createContainer("demo", Fixtures.web("app:1", 8080), "web", "some-older-hash");

    new StartContainerStep("c", List.of(), Fixtures.web("app:1", 8080), "h1").apply(context);

    assertThat(host.state().containers().get("web").running()).isTrue();
    assertThat(host.state().containers().get("web").configHash()).isEqualTo("some-older-hash");
  }

  @Test
  void startContainerRefusesAContainerWithAnotherConfig() {
    host.createNetwork("demo", net);
    host.addImage("app:0");
    // the label claims the desired hash; the real config (image) differs: reality wins
    host.createContainer("demo", Fixtures.web("app:0", 8080), "web", "h1");

    assertThatThrownBy(
            () ->
                new StartContainerStep("c", List.of(), Fixtures.web("app:1", 8080), "h1")
                    .apply(context))
        .hasMessageContaining("container web already exists with another configuration")
        .hasMessageContaining("run plan again");
  }

  @Test
  void removeContainerKeepsItStoppedUntilCommitAndUndoBringsItBack() throws Exception {
    host.createNetwork("demo", net);
    host.createContainer("demo", Fixtures.web("app:1", 8080), "web", "h1");
    host.startContainer("web");
    FakeState before = host.state();

    RemoveContainerStep step = new RemoveContainerStep("r", List.of(), "web", 10);
    Applied stepDone = step.apply(context);
    assertThat(host.state().containers()).containsOnlyKeys("web-prev");

    undo(stepDone, context);
    assertThat(host.state())
        .isEqualTo(
            new FakeState(
                before.networks(),
                before.volumes(),
                new java.util.TreeMap<>(
                    java.util.Map.of("web", new ContainerView("app:1", "h1", true, null))),
                before.images()));

    RemoveContainerStep again = new RemoveContainerStep("r", List.of(), "web", 10);
    Applied againDone = again.apply(context);
    againDone.onCommit().orElseThrow().commit(context);
    assertThat(host.state().containers()).isEmpty();
  }

  @Test
  void removeNetworkWaitsForTheCommit() throws Exception {
    host.createNetwork("demo", net);
    RemoveNetworkStep step = new RemoveNetworkStep("rn", List.of(), "demo-net");

    Applied stepDone = step.apply(context);
    assertThat(host.state().networks()).containsOnlyKeys("demo-net");
    assertThat(stepDone.undo()).isInstanceOf(Undo.NotNeeded.class);

    stepDone.onCommit().orElseThrow().commit(context);
    assertThat(host.state().networks()).isEmpty();
  }
}
