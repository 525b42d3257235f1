package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.desired.Names;
import dev.provision.driver.FakeHostDriver;
import dev.provision.exec.Applied;
import dev.provision.exec.Step;
import dev.provision.exec.StepContext;
import dev.provision.exec.TestClock;
import dev.provision.exec.ready.ReadinessWaiter;
import dev.provision.exec.steps.RecoverContainerStep;
import dev.provision.exec.steps.ReplaceContainerStep;
import dev.provision.live.Interruptions;
import dev.provision.model.Address;
import dev.provision.model.ApplyId;
import dev.provision.model.ContainerResource;
import dev.provision.model.Value;
import dev.provision.plan.Action;
import dev.provision.plan.Plan;
import dev.provision.plan.RecoveryAction;
import dev.provision.spec.SpecResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery from an apply killed at every point of a backend replace, on the in-memory host: plan
 * names the interrupted apply and what it puts back (never "changed outside provision" or a plain
 * delete), the recovery steps put the old backend back exactly as it was (running, its restart
 * policy), and a backend image upgrade is finished instead of rolled back.
 */
class RecoveryTest {
  private static final ApplyId KILLED = new ApplyId("killed-apply1");
  private static final Address BACKEND = Names.BACKEND;

  @TempDir Path dir;
  private final TestClock clock = TestClock.at("2026-11-27T10:00:00Z");

  private static LiveSession open(Deployment d, Engine.Mode mode, boolean staleLock) {
    Interruptions.LockState lock =
        staleLock
            ? new Interruptions.LockState(
                Optional.of(
                    new Interruptions.StaleLock(
                        KILLED,
                        Instant.parse("2026-11-27T09:59:00Z"),
                        Optional.of("container.backend/replace-container"),
                        "alice@build-1 (pid 42, provision apply SPEC --yes)")),
                Optional.empty())
            : Interruptions.LockState.none();
    return LiveSession.open(
        new SpecResult(d.spec(), List.of()),
        Path.of("app.yaml"),
        d.host,
        mode,
        Optional.empty(),
        lock);
  }

  /** A deployed backend, then a replace towards {@code change(desired)} killed at change k. */
  private Deployment killedAt(int k, boolean upgrade) {
    Deployment d = new Deployment(dir.resolve("k" + k)).storeSecret(Deployment.SECRET);
    d.backend(Deployment.SECRET, Deployment.SECRET, null);
    LiveSession first = open(d, Engine.Mode.PLAN, false);
    ContainerResource before =
        (ContainerResource) first.observed().resources().get(BACKEND).resource();
    ContainerResource want = (ContainerResource) first.desired().resources().get(BACKEND);
    ContainerResource after = upgrade ? upgraded(want, d.host) : withLog(want);
    d.host.setRestartPolicy(before.name(), "unless-stopped");
    StepContext context = context(d.host).withApplyId(KILLED);
    d.host.crashAt(k);
    try {
      new ReplaceContainerStep(
              "container.backend/replace-container", List.of(), before, after, "h2")
          .apply(context);
    } catch (FakeHostDriver.Crash killed) {
      // the process died here
    }
    d.host.crashAt(0);
    return d;
  }

  private StepContext context(FakeHostDriver host) {
    return new StepContext(
        "app", host, new ReadinessWaiter(clock, clock.pause(), host.httpProbe()), line -> {});
  }

  @Test
  void aReplaceKilledAnywhereIsPutBackExactlyAsItWas() throws Exception {
    for (int k = 1; k <= 12; k++) {
      Deployment d = killedAt(k, false);
      Plan plan = open(d, Engine.Mode.PLAN, true).plan();

      assertThat(plan.recovery()).as("kill at %d", k).isPresent();
      assertThat(plan.drift())
          .as("kill at %d", k)
          .noneMatch(x -> x.address().name().startsWith("backend-"));
      assertThat(plan.changes())
          .as("kill at %d", k)
          .noneMatch(c -> c.address().name().startsWith("backend-"));
      plan.recovery()
          .get()
          .actions()
          .forEach(a -> assertThat(a.direction()).isEqualTo(RecoveryAction.Direction.PUT_BACK));

      LiveSession apply = open(d, Engine.Mode.APPLY, true);
      for (Step step : new StepBinder(apply.stepNeeds()).steps(apply.plan())) {
        if (step instanceof RecoverContainerStep) {
          step.apply(context(d.host));
        }
      }

      String name = "app-backend";
      assertThat(d.host.state().containers()).as("kill at %d", k).containsOnlyKeys(name);
      assertThat(d.host.state().containers().get(name).running()).isTrue();
      assertThat(d.host.state().containers().get(name).configHash()).isEqualTo("hash");
      assertThat(d.host.restartPolicy(name)).isEqualTo("unless-stopped");
      assertThat(d.host.sharedDataStarts()).as("kill at %d", k).isEmpty();
      Plan after = open(d, Engine.Mode.PLAN, false).plan();
      assertThat(after.recovery()).isEmpty();
      assertThat(after.changes()).noneMatch(c -> c.address().equals(BACKEND));
    }
  }

  @Test
  void aBackendImageUpgradeKilledAfterItsNewContainerExistsIsFinishedNotRolledBack()
      throws Exception {
    int finished = 0;
    for (int k = 2; k <= 12; k++) {
      Deployment d = killedAt(k, true);
      LiveSession apply = open(d, Engine.Mode.APPLY, true);
      Plan plan = apply.plan();
      assertThat(plan.recovery()).isPresent();
      List<RecoveryAction> actions = plan.recovery().get().actions();
      if (actions.isEmpty()) {
        continue;
      }
      finished++;
      assertThat(actions.get(0).direction())
          .as("kill at %d", k)
          .isEqualTo(RecoveryAction.Direction.FINISH);
      assertThat(actions.get(0).step().reversible()).isFalse();
      assertThat(actions.get(0).describe()).contains("may already have migrated the data");
      for (Step step : new StepBinder(apply.stepNeeds()).steps(apply.plan())) {
        if (step instanceof RecoverContainerStep) {
          Applied stepDone = step.apply(context(d.host));
          stepDone.onCommit().orElseThrow().commit(context(d.host));
          assertThat(stepDone.undo()).isInstanceOf(dev.provision.exec.Undo.None.class);
        }
      }
      String name = "app-backend";
      assertThat(d.host.state().containers()).as("kill at %d", k).containsOnlyKeys(name);
      assertThat(d.host.state().containers().get(name).image()).endsWith(":upgraded");
      assertThat(d.host.state().containers().get(name).running()).isTrue();
      assertThat(d.host.sharedDataStarts()).isEmpty();
      // the spec still names the old image: the next change is a plain, graded replace
      Plan next = open(d, Engine.Mode.PLAN, false).plan();
      assertThat(next.recovery()).isEmpty();
      assertThat(next.changes())
          .filteredOn(c -> c.address().equals(BACKEND))
          .extracting(c -> c.action())
          .containsExactly(Action.REPLACE);
    }
    assertThat(finished).isGreaterThan(3);
  }

  @Test
  void aStaleLockWithNothingHalfDoneSaysSoAndPlansNothingExtra() {
    Deployment d = new Deployment(dir).storeSecret(Deployment.SECRET);
    d.backend(Deployment.SECRET, Deployment.SECRET, null);
    Plan plan = open(d, Engine.Mode.PLAN, true).plan();
    assertThat(plan.recovery()).isPresent();
    assertThat(plan.recovery().get().actions()).isEmpty();
    assertThat(plan.recovery().get().headline())
        .isEqualTo(
            "An apply was interrupted at 2026-11-27T09:59:00Z"
                + " (container.backend/replace-container): nothing was left half-done;"
                + " the changes below finish its work.");
  }

  @Test
  void halfDoneContainersOfAnApplyRunningNowAreNotAnInterruption() {
    Deployment d = killedAt(3, false);
    Plan plan =
        LiveSession.open(
                new SpecResult(d.spec(), List.of()),
                Path.of("app.yaml"),
                d.host,
                Engine.Mode.PLAN,
                Optional.empty(),
                new Interruptions.LockState(Optional.empty(), Optional.of(KILLED)))
            .plan();
    assertThat(plan.recovery()).isEmpty();
  }

  private static ContainerResource withLog(ContainerResource c) {
    TreeMap<String, Value> env = new TreeMap<>(c.env());
    env.put("RUST_LOG", Value.plain("debug"));
    return new ContainerResource(
        c.address(),
        c.name(),
        c.image(),
        env,
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

  private static ContainerResource upgraded(ContainerResource c, FakeHostDriver host) {
    String image = c.image().replaceAll(":[^:/]*$", "") + ":upgraded";
    host.addImage(image, Map.of(), Map.of(LiveSession.CREDENTIALS, Deployment.SECRET + "\n"));
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
