package dev.provision.exec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.FakeHostDriver;
import dev.provision.driver.FakeScript;
import dev.provision.driver.FakeState;
import dev.provision.exec.Applied;
import dev.provision.exec.ExecListener;
import dev.provision.exec.ExecutionResult;
import dev.provision.exec.Executor;
import dev.provision.exec.Fixtures;
import dev.provision.exec.Journal;
import dev.provision.exec.JournalEntry;
import dev.provision.exec.Redactor;
import dev.provision.exec.Step;
import dev.provision.exec.StepContext;
import dev.provision.exec.StepResult;
import dev.provision.exec.TestClock;
import dev.provision.exec.Undo;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.Value;
import dev.provision.model.VolumeResource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole applies through the executor on the in-memory host: commit, and rollback to the start. */
class ApplyOnFakeHostTest {
  @TempDir Path dir;
  private final FakeHostDriver host = new FakeHostDriver();
  private final TestClock clock = TestClock.at("2026-11-27T10:00:00Z");
  private final StepContext context = Fixtures.context(host, clock);
  private final NetworkResource net =
      new NetworkResource(Address.of(Address.Kind.NETWORK, "main"), "demo-net");
  private final VolumeResource data =
      new VolumeResource(Address.of(Address.Kind.VOLUME, "data"), "demo-data");

  private ExecutionResult apply(List<Step> steps) {
    Redactor redactor = Redactor.of(List.of(Value.secret("s3cr3t-value")));
    try (Journal journal = Journal.create(dir, "demo", clock, redactor)) {
      return new Executor(ExecListener.NONE, 2).run(steps, context, journal);
    }
  }

  private List<Step> freshDeployment(String webImage) {
    return List.of(
        new CreateNetworkStep("network.main/create", List.of(), net),
        new CreateVolumeStep("volume.data/create", List.of(), data),
        new EnsureImageStep("image.pg/ensure", List.of(), "pg:16"),
        new EnsureImageStep("image.app/ensure", List.of(), webImage),
        new StartContainerStep(
            "container.db/start",
            List.of("network.main/create", "volume.data/create", "image.pg/ensure"),
            Fixtures.postgres("pg:16", "demo-data"),
            "db1"),
        new StartContainerStep(
            "container.web/start",
            List.of("container.db/start", "image.app/ensure"),
            Fixtures.web(webImage, 8080),
            "web1"));
  }

  @Test
  void aFreshDeploymentCommits() {
    host.addImage("pg:16").addImage("app:1");

    ExecutionResult result = apply(freshDeployment("app:1"));

    assertThat(result.status()).isEqualTo(ExecutionResult.Status.COMMITTED);
    assertThat(host.state().containers()).containsOnlyKeys("db", "web");
    assertThat(host.state().volumes()).containsOnlyKeys("demo-data");
  }

  @Test
  void aFailureInTheMiddleLeavesTheHostAsItWas() {
    host.addImage("pg:16")
        .addImage("app:broken")
        .script("app:broken", FakeScript.exitsAtOnce(1, "key s3cr3t-value rejected"));
    FakeState initial = host.state();

    ExecutionResult result = apply(freshDeployment("app:broken"));

    assertThat(result.status()).isEqualTo(ExecutionResult.Status.ROLLED_BACK);
    assertThat(result.rootCauses())
        .extracting(StepResult::stepId)
        .containsExactly("container.web/start");
    assertThat(host.state()).isEqualTo(initial);
    List<JournalEntry> journal = Journal.read(result.journal());
    assertThat(journal).extracting(JournalEntry::event).contains("undo-started", "undo-succeeded");
    assertThat(journal)
        .allSatisfy(e -> assertThat(String.valueOf(e.error())).doesNotContain("s3cr3t-value"));
  }

  private void runningDeployment() {
    host.addImage("pg:16").addImage("app:1").addImage("app:2");
    assertThat(apply(freshDeployment("app:1")).committed()).isTrue();
  }

  private List<Step> upgrade(Step last) {
    ContainerResource old = Fixtures.web("app:1", 8080);
    return List.of(
        new EnsureImageStep("image.app/ensure", List.of(), "app:2"),
        new ReplaceContainerStep(
            "container.web/replace",
            List.of("image.app/ensure"),
            old,
            Fixtures.web("app:2", 8080),
            "web2"),
        last);
  }

  @Test
  void anUpgradeCommitsAndRemovesThePreviousContainer() {
    runningDeployment();

    ExecutionResult result = apply(upgrade(new NoOpStep("env.set", "container.web/replace")));

    assertThat(result.status()).isEqualTo(ExecutionResult.Status.COMMITTED);
    assertThat(host.state().containers()).containsOnlyKeys("db", "web");
    assertThat(host.state().containers().get("web").image()).isEqualTo("app:2");
    assertThat(Journal.read(result.journal()))
        .extracting(JournalEntry::event)
        .contains("commit-started", "commit-succeeded");
  }

  @Test
  void aFailureAfterAReplaceBringsTheOldContainerBack() {
    runningDeployment();
    FakeState before = host.state();

    ExecutionResult result = apply(upgrade(new FailingStep("env.set", "container.web/replace")));

    assertThat(result.status()).isEqualTo(ExecutionResult.Status.ROLLED_BACK);
    assertThat(host.state()).isEqualTo(before);
  }

  /** A later step that succeeds without touching the host. */
  private record NoOpStep(String id, String after) implements Step {
    @Override
    public List<String> dependsOn() {
      return List.of(after);
    }

    @Override
    public String description() {
      return "nothing";
    }

    @Override
    public Applied apply(StepContext context) {
      return Applied.of(Undo.notNeeded("nothing changed"));
    }
  }

  /** A later step (such as setting env vars) that fails. */
  private record FailingStep(String id, String after) implements Step {
    @Override
    public List<String> dependsOn() {
      return List.of(after);
    }

    @Override
    public String description() {
      return "set env vars";
    }

    @Override
    public Applied apply(StepContext context) {
      throw ProvisionException.of("the admin API refused the env vars", "check the admin key");
    }
  }
}
