package dev.provision.exec.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
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
import dev.provision.model.Mount;
import dev.provision.model.NetworkResource;
import dev.provision.model.PortBinding;
import dev.provision.model.ReplaceOrder;
import dev.provision.model.VolumeResource;
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
    host.script("app:broken", FakeScript.exitsAtOnce(1, "boom"));
    host.createNetwork(
        "demo", new NetworkResource(Address.of(Address.Kind.NETWORK, "main"), "demo-net"));
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
    assertThat(step.order()).isEqualTo(ReplaceOrder.STOP_FIRST);

    step.apply(context);

    assertThat(host.state().containers().get("web"))
        .isEqualTo(new ContainerView("app:2", "h2", true, null));
    assertThat(host.calls())
        .containsSubsequence(
            "createContainer web-next",
            "stopContainer web",
            "renameContainer web web-prev",
            "startContainer web-next",
            "renameContainer web-next web");
  }

  @Test
  void whenTheNewOneFailsTheOldOneKeepsServing() {
    FakeState before = host.state();

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
    FakeState before = host.state();
    ReplaceContainerStep step = replaceWith(Fixtures.web("app:2", 8080));
    Applied stepDone = step.apply(context);

    ((Undo.Run) stepDone.undo()).action().run(context);

    assertThat(host.state().containers()).containsOnlyKeys("web");
    assertThat(host.state().containers().get("web"))
        .isEqualTo(new ContainerView("app:1", "h1", true, null));
    assertThat(host.state().networks()).isEqualTo(before.networks());
  }

  @Test
  void commitRemovesThePreviousContainer() throws Exception {
    ReplaceContainerStep step = replaceWith(Fixtures.web("app:2", 8081));
    Applied stepDone = step.apply(context);

    stepDone.onCommit().orElseThrow().commit(context);

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
    FakeState after = host.state();

    ReplaceContainerStep again = replaceWith(Fixtures.web("app:2", 8081));
    Applied againDone = again.apply(context);

    assertThat(host.state()).isEqualTo(after);
    assertThat(againDone.undo()).isInstanceOf(Undo.NotNeeded.class);
    assertThat(againDone.onCommit()).isEmpty();
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
    FakeState before = host.state();
    ReplaceContainerStep step = replaceWith(Fixtures.web("app:2", 8080));
    Applied stepDone = step.apply(context);

    ((Undo.Run) stepDone.undo()).action().run(context);

    assertThat(host.state()).isEqualTo(before);
  }

  @Test
  void worksFromTheObservedContainerWhichHasNoReadinessCheck() throws Exception {
    ContainerResource observed =
        (ContainerResource)
            host.observe("demo")
                .resources()
                .get(Address.of(Address.Kind.CONTAINER, "web"))
                .resource();
    assertThat(observed.readiness()).isNull();
    ReplaceContainerStep step =
        new ReplaceContainerStep(
            "container.web/replace", List.of(), observed, Fixtures.web("app:2", 8080), "h2");
    Applied stepDone = step.apply(context);

    ((Undo.Run) stepDone.undo()).action().run(context);

    assertThat(host.state().containers().get("web"))
        .isEqualTo(new ContainerView("app:1", "h1", true, null));
  }

  // ---- one writer per data set ----

  /** A container that owns the volume {@code data}, publishing {@code hostPort}. */
  private static ContainerResource stateful(String image, int hostPort) {
    return Fixtures.container(
        "store",
        image,
        List.of(new PortBinding("127.0.0.1", hostPort, 3210)),
        List.of(Mount.volume("data", "/data")),
        Fixtures.web(image, hostPort).readiness());
  }

  private ReplaceContainerStep storeReplace(ContainerResource from, ContainerResource to) {
    return new ReplaceContainerStep("container.store/replace", List.of(), from, to, "s2");
  }

  private ContainerResource runningStore() {
    host.createVolume("demo", new VolumeResource(Address.of(Address.Kind.VOLUME, "data"), "data"));
    ContainerResource store = stateful("app:1", 9000);
    host.createContainer("demo", store, "store", "s1");
    host.startContainer("store");
    return store;
  }

  @Test
  void aContainerThatOwnsAVolumeStopsFirstEvenWhenNoPortIsShared() {
    ContainerResource store = runningStore();
    ReplaceContainerStep step = storeReplace(store, stateful("app:2", 9001));
    assertThat(step.order()).isEqualTo(ReplaceOrder.STOP_FIRST);
    assertThat(step.description())
        .isEqualTo(
            "replace container store (app:2), stopping the old one first (kept as store-prev)");

    step.apply(context);

    assertThat(host.calls())
        .containsSubsequence(
            "createContainer store-next",
            "stopContainer store",
            "setRestartPolicy store no",
            "renameContainer store store-prev",
            "startContainer store-next",
            "renameContainer store-next store",
            "setRestartPolicy store unless-stopped");
    assertThat(host.sharedDataStarts()).isEmpty();
    assertThat(host.restartPolicy("store")).isEqualTo("unless-stopped");
    assertThat(host.restartPolicy("store-prev")).isEqualTo("no");
  }

  @Test
  void theOrderIsDecidedByMountsNotByName() {
    assertThat(ReplaceOrder.of(old, Fixtures.web("app:2", 8081)))
        .isEqualTo(ReplaceOrder.SIDE_BY_SIDE);
    ContainerResource bindOnly =
        Fixtures.container(
            "web",
            "app:2",
            List.of(new PortBinding("127.0.0.1", 8081, 3210)),
            List.of(Mount.bindReadOnly("/etc/ca.pem", "/ca.pem")),
            null);
    assertThat(ReplaceOrder.of(old, bindOnly)).isEqualTo(ReplaceOrder.SIDE_BY_SIDE);
    assertThat(ReplaceOrder.of(stateful("app:1", 9000), stateful("app:1", 9001)))
        .isEqualTo(ReplaceOrder.STOP_FIRST);
  }

  @Test
  void theNewOneIsCreatedWithoutARestartPolicyUntilItHoldsTheName() {
    ReplaceContainerStep step = replaceWith(Fixtures.web("app:2", 8081));
    host.failOn("startContainer", "web-next");

    assertThatThrownBy(() -> step.apply(context)).isInstanceOf(ProvisionException.class);

    assertThat(host.calls()).contains("createContainer web-next");
    assertThat(host.restartPolicy("web")).isEqualTo("unless-stopped");
    assertThat(host.state().containers()).containsOnlyKeys("web");
  }

  @Test
  void whenTheNewStatefulOneFailsTheOldOneGetsItsNameAndPolicyBackAndServes() {
    ContainerResource store = runningStore();

    assertThatThrownBy(() -> storeReplace(store, stateful("app:broken", 9001)).apply(context))
        .hasMessageContaining("the old container store was started again and serves");

    assertThat(host.state().containers().get("store"))
        .isEqualTo(new ContainerView("app:1", "s1", true, null));
    assertThat(host.state().containers()).doesNotContainKeys("store-next", "store-prev");
    assertThat(host.restartPolicy("store")).isEqualTo("unless-stopped");
    assertThat(host.sharedDataStarts()).isEmpty();
  }

  @Test
  void undoStopsTheNewStatefulOneBeforeTheOldOneStartsAndRestoresItsPolicy() throws Exception {
    ContainerResource store = runningStore();
    ReplaceContainerStep step = storeReplace(store, stateful("app:2", 9001));
    Applied stepDone = step.apply(context);

    ((Undo.Run) stepDone.undo()).action().run(context);

    assertThat(host.state().containers().get("store"))
        .isEqualTo(new ContainerView("app:1", "s1", true, null));
    assertThat(host.restartPolicy("store")).isEqualTo("unless-stopped");
    assertThat(host.sharedDataStarts()).isEmpty();
  }

  /**
   * Kills the engine (an Error no step catches) before each container-changing call of a replace in
   * turn, then restarts the Docker daemon: never two containers on the volume, and at most one of
   * NAME, NAME-next and NAME-prev runs.
   */
  @Test
  void aKillAtAnyPointFollowedByADaemonRestartNeverLeavesTwoRunning() {
    FakeHostDriver probe = new FakeHostDriver();
    int total = fullReplace(probe, 0);
    assertThat(total).isGreaterThanOrEqualTo(7);
    for (int k = 1; k <= total; k++) {
      FakeHostDriver crashed = new FakeHostDriver();
      fullReplace(crashed, k);
      crashed.restartDaemon();
      long running =
          crashed.state().containers().entrySet().stream()
              .filter(e -> e.getKey().startsWith("store") && e.getValue().running())
              .count();
      assertThat(running).as("running after a kill before change %d", k).isLessThanOrEqualTo(1);
      assertThat(crashed.sharedDataStarts()).as("kill before change %d", k).isEmpty();
    }
  }

  /** Sets up a running store and replaces it, crashing at change {@code crashAt} (0: never). */
  private static int fullReplace(FakeHostDriver h, int crashAt) {
    h.addImage("app:1").addImage("app:2");
    h.createNetwork(
        "demo", new NetworkResource(Address.of(Address.Kind.NETWORK, "main"), "demo-net"));
    h.createVolume("demo", new VolumeResource(Address.of(Address.Kind.VOLUME, "data"), "data"));
    ContainerResource store = stateful("app:1", 9000);
    h.createContainer("demo", store, "store", "s1");
    h.startContainer("store");
    h.crashAt(crashAt);
    StepContext c = Fixtures.context(h, TestClock.at("2026-11-27T10:00:00Z"));
    try {
      new ReplaceContainerStep("r", List.of(), store, stateful("app:2", 9001), "s2").apply(c);
    } catch (FakeHostDriver.Crash expected) {
      // the process died here
    }
    return h.containerChanges();
  }
}
