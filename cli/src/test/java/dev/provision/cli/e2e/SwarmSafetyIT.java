package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.exec.TestHooks;
import dev.provision.testing.SwarmCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The safety promises of {@code target.swarm} on a real one-node Swarm ({@link SwarmCluster}), one
 * cluster for the class: a backend never runs twice while an update replaces it (watched from
 * outside provision: the node's tasks and containers sampled during each apply, and the node's
 * {@code docker events} replayed afterwards), Ctrl-C in the middle of a first apply leaves nothing
 * on the swarm, and a {@code kill -9} there leaves a stale lock and half a deployment that the next
 * apply takes over and converges; two applies at once: one holds the lock, the other exits 1.
 */
class SwarmSafetyIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();
  private static final String BACKEND = "container.backend";
  private static SwarmCluster cluster;

  @BeforeAll
  static void start() {
    SwarmCluster.assumeAvailable();
    cluster = SwarmCluster.start(1, List.of(E2e.backendImage()));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static E2e onSwarm() throws Exception {
    E2e e = SwarmQuickstartIT.onSwarm(cluster.manager(), cluster.manager());
    e.extraSets.addAll(List.of("--set", "dashboard.enabled=false"));
    return e;
  }

  private static String node() {
    return cluster.manager().dockerHost();
  }

  @Test
  void aBackendNeverRunsTwiceDuringAnUpdate() throws Exception {
    try (E2e e = onSwarm()) {
      E2e.Run first = e.run("apply", SPEC, "--yes");
      assertThat(first.code()).as(first.all()).isZero();
      // Another name for the same image, inside the node's own engine (private to this cluster).
      String other = "pt-swsafe-backend:" + e.deployment;
      cluster.docker(0, "tag", E2e.backendImage(), other);

      List<String> sets = new ArrayList<>();
      update(e, sets, "a knob", "backend.knobs.rustLog=debug");
      update(e, sets, "the image", "backend.image=" + other);
      update(e, sets, "the API port", "backend.ports.api=" + E2e.freePort());
    }
  }

  /** Applies one more {@code --set}, watching the backend's tasks and containers on the node. */
  private static void update(E2e e, List<String> sets, String what, String set) throws Exception {
    sets.addAll(List.of("--set", set));
    String deployment = "dev.provision.deployment=" + e.deployment;
    List<String> runningAtStart =
        DockerCli.runningIds(node(), deployment, "dev.provision.address=" + BACKEND);
    assertThat(runningAtStart).as("before changing " + what).hasSize(1);

    Instant since = Instant.now();
    E2e.Run apply;
    OneWriterSampler sampler =
        OneWriterSampler.start(
            OneWriterSampler.sharedVolumes(() -> DockerCli.running(node(), deployment)),
            () -> SwarmObjects.runningTasksOver(node(), e.deployment + "-backend", 1));
    try (sampler) {
      apply = e.run("apply", SPEC, args(sets, "--yes"));
    }
    Instant until = Instant.now();
    assertThat(apply.code()).as(what + ": " + apply.all()).isZero();
    assertThat(apply.out()).as(what).contains("stopping the old one first");

    ContainerEvents events = ContainerEvents.read(node(), e.deployment, since, until);
    assertThat(events.starts(BACKEND)).as(what + ": " + events.of(BACKEND)).isEqualTo(1);
    assertThat(events.overlaps(BACKEND, runningAtStart))
        .as(what + ": " + events.of(BACKEND))
        .isEmpty();
    assertThat(sampler.samples()).as(what + ": samples").isGreaterThan(3);
    assertThat(sampler.problems()).as(what).isEmpty();
    E2e.Run plan = e.run("plan", SPEC, args(sets, "--detailed-exitcode"));
    assertThat(plan.code()).as(what + ": " + plan.all()).isZero();
  }

  @Test
  void ctrlCInTheMiddleOfAFirstApplyLeavesNothing() throws Exception {
    try (E2e e = onSwarm()) {
      ChildCli child = pausedFirstApply(e, "sigint");
      child.signal("INT");
      int code = child.await(Duration.ofSeconds(90));
      assertThat(code).as(child.all()).isEqualTo(130);
      assertThat(child.all())
          .contains("SIGINT: stopping")
          .contains("Apply was interrupted (SIGINT) and was rolled back");
      assertThat(SwarmObjects.of(node(), e.deployment)).as(child.all()).isEmpty();
      assertThat(SwarmObjects.volumes(node(), e.deployment)).as(child.all()).isEmpty();
    }
  }

  @Test
  void killNineInTheMiddleOfAFirstApplyIsTakenOverByTheNext() throws Exception {
    try (E2e e = onSwarm()) {
      ChildCli child = pausedFirstApply(e, "kill");
      child.signal("KILL");
      assertThat(child.await(Duration.ofSeconds(30))).isEqualTo(137);
      assertThat(SwarmObjects.lock(node(), e.deployment)).as("the dead apply's lock").isNotEmpty();

      E2e.Run status = e.run("status", SPEC);
      assertThat(status.out()).as(status.all()).contains("an apply was interrupted at");
      E2e.Run again = e.run("apply", SPEC, "--yes");
      assertThat(again.code()).as(again.all()).isZero();
      assertThat(again.all()).contains("an apply was interrupted");
      assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
      E2e.Run plan = e.run("plan", SPEC, "--detailed-exitcode");
      assertThat(plan.code()).as(plan.all()).isZero();
      assertThat(SwarmObjects.lock(node(), e.deployment)).isEmpty();
    }
  }

  /**
   * Killed inside the backend's replace, where a service is scaled to 0 (after-stop), renamed
   * {@code NAME-prev} by its label (after-rename) and the new one started (after-start): the plan
   * names the interrupted apply, the next apply puts the old backend back and converges, and the
   * swarm never runs two backends on the data at once.
   */
  @Test
  void killNineInsideTheBackendReplaceIsPutBack() throws Exception {
    try (E2e e = onSwarm()) {
      E2e.Run first = e.run("apply", SPEC, "--yes");
      assertThat(first.code()).as(first.all()).isZero();
      String[] knob = {"--set", "backend.knobs.rustLog=debug"};
      String[] back = {"--set", "backend.knobs.rustLog=info"};
      boolean changed = false;
      for (String point : List.of("after-stop", "after-rename", "after-start")) {
        String[] sets = changed ? back : knob;
        ChildCli child = paused(e, "kill-" + point, BACKEND + "/replace-container@" + point, sets);
        child.signal("KILL");
        assertThat(child.await(Duration.ofSeconds(30))).isEqualTo(137);
        assertOneWriter(e);
        E2e.Run plan = e.run("plan", SPEC, sets);
        assertThat(plan.out())
            .as(plan.all())
            .contains("An apply was interrupted at")
            .contains("put back the old " + e.deployment + "-backend")
            .doesNotContain("Changed outside provision");
        E2e.Run again = e.run("apply", SPEC, args(List.of(sets), "--yes"));
        assertThat(again.code()).as(point + ": " + again.all()).isZero();
        assertOneWriter(e);
        assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
        E2e.Run after = e.run("plan", SPEC, args(List.of(sets), "--detailed-exitcode"));
        assertThat(after.code()).as(point + ": " + after.all()).isZero();
        changed = !changed;
      }
    }
  }

  /**
   * Two real processes apply the same spec at once (lock timeout 0): exactly one takes the lock,
   * the other exits 1 naming the holder before any step; the deployment converges, and no backend
   * ever runs twice (sampled from outside throughout, and the node's events replayed). Then, while
   * an apply holds the lock (paused before its first step): plan exits 0 saying an apply is running
   * now, status says so on its Lock: line, and another apply exits 1 naming the holder; once the
   * holder is gone (kill -9), the next apply takes its lock over and converges.
   */
  @Test
  void twoAppliesAtOnceOneHoldsTheLock() throws Exception {
    try (E2e e = onSwarm()) {
      String deployment = "dev.provision.deployment=" + e.deployment;
      Instant since = Instant.now();
      ChildCli a;
      ChildCli b;
      int codeA;
      int codeB;
      OneWriterSampler sampler =
          OneWriterSampler.start(
              OneWriterSampler.sharedVolumes(() -> DockerCli.running(node(), deployment)),
              () -> SwarmObjects.runningTasksOver(node(), e.deployment + "-backend", 1));
      try (sampler) {
        a = ChildCli.start(e, "race-a", Map.of(), "apply", SPEC, "--yes");
        b = ChildCli.start(e, "race-b", Map.of(), "apply", SPEC, "--yes");
        codeA = a.await(Duration.ofMinutes(3));
        codeB = b.await(Duration.ofMinutes(3));
      }
      Instant until = Instant.now();
      assertThat(List.of(codeA, codeB)).as(a.all() + b.all()).containsExactlyInAnyOrder(0, 1);
      ChildCli loser = codeA == 1 ? a : b;
      assertThat(loser.all())
          .contains("is locked by")
          .doesNotContain("Applying:")
          .doesNotContain("\tat ");
      assertThat(sampler.samples()).isGreaterThan(3);
      assertThat(sampler.problems()).isEmpty();
      ContainerEvents events = ContainerEvents.read(node(), e.deployment, since, until);
      assertThat(events.starts(BACKEND)).as("backend starts: " + events.of(BACKEND)).isEqualTo(1);
      assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
      E2e.Run converged = e.run("plan", SPEC, "--detailed-exitcode");
      assertThat(converged.code()).as(converged.all()).isZero();
      assertThat(SwarmObjects.lock(node(), e.deployment)).isEmpty();

      String[] knob = {"--set", "backend.knobs.rustLog=debug"};
      ChildCli holder = paused(e, "holder", firstStepOf(e, BACKEND + "/", knob), knob);
      E2e.Run plan = e.run("plan", SPEC, knob);
      assertThat(plan.code()).as(plan.all()).isZero();
      assertThat(plan.all()).contains("an apply is running now");
      E2e.Run status = e.run("status", SPEC);
      assertThat(status.code()).as(status.all()).isZero();
      assertThat(status.out()).contains("Lock: an apply is running now");
      E2e.Run second = e.run("apply", SPEC, args(List.of(knob), "--yes"));
      assertThat(second.code()).as(second.all()).isEqualTo(1);
      assertThat(second.all()).contains("is locked by").doesNotContain("Applying:");
      holder.signal("KILL");
      assertThat(holder.await(Duration.ofSeconds(30))).isEqualTo(137);
      E2e.Run taken = e.run("apply", SPEC, "--yes");
      assertThat(taken.code()).as(taken.all()).isZero();
      assertThat(taken.all()).contains("an apply was interrupted");
      E2e.Run after = e.run("plan", SPEC, "--detailed-exitcode");
      assertThat(after.code()).as(after.all()).isZero();
      assertThat(SwarmObjects.lock(node(), e.deployment)).isEmpty();
    }
  }

  private static void assertOneWriter(E2e e) {
    String deployment = "dev.provision.deployment=" + e.deployment;
    assertThat(OneWriterSampler.sharedVolumes(() -> DockerCli.running(node(), deployment)).get())
        .isEmpty();
    assertThat(SwarmObjects.runningTasksOver(node(), e.deployment + "-backend", 1)).isEmpty();
  }

  /**
   * Bad swarm fields found only on the swarm itself (a node that does not exist, a data node that
   * cannot take tasks) and an engine socket that is a FIFO: exit 1, a clear message, no stack
   * trace, nothing made on the swarm (not even the lock).
   */
  @Test
  void badSwarmFieldsAreRefusedBeforeAnythingIsTouched() throws Exception {
    try (E2e e = onSwarm()) {
      E2e.Run ghost = e.run("apply", SPEC, "--set", "target.swarm.node=ghost-node", "--yes");
      assertThat(ghost.code()).as(ghost.all()).isEqualTo(1);
      assertThat(ghost.all()).contains("the swarm has no node `ghost-node`");
      assertNoStackTrace(ghost);

      Path fifo = e.dir.resolve("engine.sock");
      assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
      E2e.Run pipe = e.run("apply", SPEC, "--set", "target.swarm.host=unix://" + fifo, "--yes");
      assertThat(pipe.code()).as(pipe.all()).isEqualTo(1);
      assertThat(pipe.all())
          .containsPattern("--set:\\d+:\\d+: error: `target.swarm.host` is a FIFO");
      assertNoStackTrace(pipe);

      String id = cluster.docker(0, "node", "ls", "-q").strip();
      cluster.docker(0, "node", "update", "--availability", "drain", id);
      E2e.Run drained;
      try {
        drained = e.run("apply", SPEC, "--yes");
      } finally {
        cluster.docker(0, "node", "update", "--availability", "active", id);
      }
      assertThat(drained.code()).as(drained.all()).isEqualTo(1);
      assertThat(drained.all())
          .contains("is not active (availability drain)")
          .contains("target.swarm.node");
      assertNoStackTrace(drained);
      assertThat(SwarmObjects.of(node(), e.deployment)).isEmpty();
      assertThat(SwarmObjects.volumes(node(), e.deployment)).isEmpty();
    }
  }

  private static void assertNoStackTrace(E2e.Run run) {
    assertThat(run.all()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  /**
   * A child CLI running a first apply, one step at a time, paused before the backend's first step
   * (the network and volumes exist by then).
   */
  private static ChildCli pausedFirstApply(E2e e, String name) throws Exception {
    ChildCli child = paused(e, name, firstStepOf(e, BACKEND + "/"));
    assertThat(SwarmObjects.of(node(), e.deployment)).as("made before the pause").isNotEmpty();
    return child;
  }

  /** A child CLI running apply one step at a time, paused at {@code at} (a test hook point). */
  private static ChildCli paused(E2e e, String name, String at, String... sets) throws Exception {
    Path marker = e.dir.resolve("paused-" + name);
    ChildCli child =
        ChildCli.start(
            e,
            name,
            Map.of(TestHooks.PAUSE_AT_STEP, at, TestHooks.PAUSE_MARKER, marker.toString()),
            "apply",
            SPEC,
            args(List.of(sets), "--yes", "--parallelism", "1"));
    child.awaitFile(marker, Duration.ofSeconds(120));
    return child;
  }

  private static String firstStepOf(E2e e, String prefix, String... sets) throws Exception {
    E2e.Run plan = e.run("plan", SPEC, args(List.of(sets), "--format", "json"));
    for (JsonNode change : Live.json(plan.out()).path("changes")) {
      for (JsonNode step : change.path("steps")) {
        if (step.path("id").asText().startsWith(prefix)) {
          return step.path("id").asText();
        }
      }
    }
    throw new AssertionError("no step of " + prefix + " in " + plan.all());
  }

  private static String[] args(List<String> sets, String... more) {
    List<String> all = new ArrayList<>(sets);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
