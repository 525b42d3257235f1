package dev.provision.exec.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.FakeHostDriver;
import dev.provision.driver.FakeHostDriver.ContainerView;
import dev.provision.exec.Fixtures;
import dev.provision.exec.StepContext;
import dev.provision.exec.TestClock;
import dev.provision.exec.Undo;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplaceContainerStepTest {
  private final FakeHostDriver host = new FakeHostDriver();
  private final StepContext context = Fixtures.context(host, TestClock.at("2026-11-27T10:00:00Z"));
  private final ContainerResource old = Fixtures.web("app:1", 8080);

  @BeforeEach
  void runningOldContainer() {
    host.addImage("app:1").addImage("app:2").addImage("app:broken");
    host.script("app:broken", FakeHostDriver.Script.exitsAtOnce(1, "boom"));
    host.createNetwork("demo", new NetworkResource(Address.of("network", "main"), "demo-net"));
    host.createContainer("demo", old, "web", "h1");
    host.startContainer("web");
  }

  private ReplaceContainerStep replaceWith(ContainerResource next) {
    return new ReplaceContainerStep("container.web/replace", List.of(), old, next, "h2");
  }

  @Test
  void withoutSharedPortsTheNewOneStartsBesideTheOldOne() {
    ReplaceContainerStep step = replaceWith(Fixtures.web("app:2", 8081));

    step.apply(context);

    assertThat(host.state().containers())
        .containsExactly(
            java.util.Map.entry("web", new ContainerView("app:2", "h2", true, null)),
            java.util.Map.entry("web-prev", new ContainerView("app:1", "h1", false, 0)));
    List<String> calls =
        host.calls().stream()
            .filter(c -> !c.startsWith("inspect") && !c.startsWith("logTail"))
            .toList();
    assertThat(calls)
        .containsSubsequence(
            "createContainer web-next",
            "startContainer web-next",
            "stopContainer web",
            "renameContainer web web-prev",
            "renameContainer web-next web");
  }

  @Test
  void withASharedPortTheOldOneStopsFirst() {
    ReplaceContainerStep step = replaceWith(Fixtures.web("app:2", 8080));
    assertThat(ReplaceContainerStep.portsCollide(old, Fixtures.web("app:2", 8080))).isTrue();

    step.apply(context);

    assertThat(host.state().containers().get("web"))
        .isEqualTo(new ContainerView("app:2", "h2", true, null));
    assertThat(host.calls())
        .containsSubsequence(
            "createContainer web-next",
            "stopContainer web",
            "startContainer web-next",
            "renameContainer web web-prev",
            "renameContainer web-next web");
  }

  @Test
  void whenTheNewOneFailsTheOldOneKeepsServing() {
    FakeHostDriver.State before = host.state();

    assertThatThrownBy(() -> replaceWith(Fixtures.web("app:broken", 8081)).apply(context))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("container web-next exited with code 1 before it was ready")
        .hasMessageContaining("the old container web kept serving; web-next was removed");

    assertThat(host.state()).isEqualTo(before);
    assertThat(host.calls()).doesNotContain("stopContainer web");
  }

  @Test
  void whenTheNewOneFailsOnASharedPortTheOldOneIsStartedAgain() {
    assertThatThrownBy(() -> replaceWith(Fixtures.web("app:broken", 8080)).apply(context))
        .hasMessageContaining("the old container web was started again and serves");

    assertThat(host.state().containers()).containsOnlyKeys("web");
    assertThat(host.state().containers().get("web").running()).isTrue();
    assertThat(host.state().containers().get("web").image()).isEqualTo("app:1");
  }

  @Test
  void undoBringsTheOldOneBack() throws Exception {
    FakeHostDriver.State before = host.state();
    ReplaceContainerStep step = replaceWith(Fixtures.web("app:2", 8080));
    step.apply(context);

    ((Undo.Run) step.undo()).action().run(context);

    assertThat(host.state().containers()).containsOnlyKeys("web");
    assertThat(host.state().containers().get("web"))
        .isEqualTo(new ContainerView("app:1", "h1", true, null));
    assertThat(host.state().networks()).isEqualTo(before.networks());
  }

  @Test
  void commitRemovesThePreviousContainer() throws Exception {
    ReplaceContainerStep step = replaceWith(Fixtures.web("app:2", 8081));
    step.apply(context);

    step.onCommit().orElseThrow().commit(context);

    assertThat(host.state().containers()).containsOnlyKeys("web");
  }

  @Test
  void aMatchingHashLabelDoesNotSkipAContainerThatRunsAnotherConfig() {
    // the old container's label claims the new hash (copied labels); what it runs is app:1
    ReplaceContainerStep step =
        new ReplaceContainerStep(
            "container.web/replace", List.of(), old, Fixtures.web("app:2", 8081), "h1");

    step.apply(context);

    assertThat(host.state().containers().get("web"))
        .isEqualTo(new ContainerView("app:2", "h1", true, null));
  }

  @Test
  void runningItAgainChangesNothing() {
    ReplaceContainerStep first = replaceWith(Fixtures.web("app:2", 8081));
    first.apply(context);
    FakeHostDriver.State after = host.state();

    ReplaceContainerStep again = replaceWith(Fixtures.web("app:2", 8081));
    again.apply(context);

    assertThat(host.state()).isEqualTo(after);
    assertThat(again.undo()).isInstanceOf(Undo.NotNeeded.class);
    assertThat(again.onCommit()).isEmpty();
  }

  @Test
  void aPreviousContainerLeftByAnEarlierApplyStopsTheReplaceWithAHint() {
    host.createContainer("demo", old, "web-prev", "h0");

    assertThatThrownBy(() -> replaceWith(Fixtures.web("app:2", 8081)).apply(context))
        .hasMessageContaining("container web-prev from an earlier apply still exists")
        .hasMessageContaining("docker rm web-prev");
  }

  @Test
  void aNextContainerLeftByAnInterruptedApplyIsReplaced() {
    host.createContainer("demo", Fixtures.web("app:2", 8081), "web-next", "stale");

    replaceWith(Fixtures.web("app:2", 8081)).apply(context);

    assertThat(host.state().containers().get("web").configHash()).isEqualTo("h2");
    assertThat(host.state().containers()).containsOnlyKeys("web", "web-prev");
  }

  @Test
  void undoLeavesAnOldContainerThatWasStoppedStopped() throws Exception {
    host.stopContainer("web", 10);
    FakeHostDriver.State before = host.state();
    ReplaceContainerStep step = replaceWith(Fixtures.web("app:2", 8080));
    step.apply(context);

    ((Undo.Run) step.undo()).action().run(context);

    assertThat(host.state()).isEqualTo(before);
  }

  @Test
  void worksFromTheObservedContainerWhichHasNoReadinessCheck() throws Exception {
    ContainerResource observed =
        (ContainerResource)
            host.observe("demo").resources().get(Address.of("container", "web")).resource();
    assertThat(observed.readiness()).isNull();
    ReplaceContainerStep step =
        new ReplaceContainerStep(
            "container.web/replace", List.of(), observed, Fixtures.web("app:2", 8080), "h2");
    step.apply(context);

    ((Undo.Run) step.undo()).action().run(context);

    assertThat(host.state().containers().get("web"))
        .isEqualTo(new ContainerView("app:1", "h1", true, null));
  }
}
