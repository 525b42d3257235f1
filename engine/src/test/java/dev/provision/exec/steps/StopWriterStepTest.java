package dev.provision.exec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.FakeHostDriver;
import dev.provision.driver.VolumeUser;
import dev.provision.exec.Applied;
import dev.provision.exec.Fixtures;
import dev.provision.exec.StepContext;
import dev.provision.exec.TestClock;
import dev.provision.exec.Undo;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Mount;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Taking another writer of the data out and putting it back: the restart policy is set to no before
 * the stop, and the undo restores the old policy and starts the container again only if it was
 * running.
 */
class StopWriterStepTest {
  private final FakeHostDriver host = new FakeHostDriver();
  private final StepContext context = Fixtures.context(host, TestClock.at("2026-11-29T10:00:00Z"));

  private void writer(String restart, boolean running) {
    host.addForeignContainer(
        new ContainerResource(
            Address.of(Address.Kind.CONTAINER, "compose-backend"),
            "compose-backend",
            "convex:compose",
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
            null),
        running);
  }

  private VolumeUser seen() {
    return host.volumeUsers("app-data").get(0);
  }

  private static void undo(Applied applied, StepContext context) throws Exception {
    ((Undo.Run) applied.undo()).action().run(context);
  }

  @Test
  void stopsAfterSettingRestartNoAndUndoRestoresThePolicyAndStartsItAgain() throws Exception {
    writer("always", true);
    StopWriterStep step = new StopWriterStep("w", List.of(), "compose-backend", "always", true);

    Applied stepDone = step.apply(context);
    assertThat(seen().running()).isFalse();
    assertThat(seen().restartPolicy()).isEqualTo("no");
    assertThat(host.calls())
        .containsSubsequence(
            "setRestartPolicy compose-backend no", "stopContainer compose-backend");
    assertThat(((Undo.Run) stepDone.undo()).description())
        .isEqualTo("restore restart policy always on container compose-backend and start it");

    undo(stepDone, context);
    assertThat(seen().restartPolicy()).isEqualTo("always");
    assertThat(seen().running()).isTrue();
    assertThat(host.calls())
        .containsSubsequence(
            "setRestartPolicy compose-backend always", "startContainer compose-backend");
  }

  @Test
  void aWriterThatWasStoppedGetsItsPolicyBackButStaysStopped() throws Exception {
    writer("unless-stopped", false);
    StopWriterStep step =
        new StopWriterStep("w", List.of(), "compose-backend", "unless-stopped", false);

    Applied stepDone = step.apply(context);
    undo(stepDone, context);
    assertThat(seen().restartPolicy()).isEqualTo("unless-stopped");
    assertThat(seen().running()).isFalse();
    assertThat(host.calls()).doesNotContain("startContainer compose-backend");
  }

  @Test
  void nothingToUndoWhenThePolicyCouldNotBeChanged() {
    writer("always", true);
    host.failOn("setRestartPolicy", "compose-backend");
    StopWriterStep step = new StopWriterStep("w", List.of(), "compose-backend", "always", true);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> step.apply(context))
        .hasMessageContaining("scripted failure");
    // a failed apply returns no record: there is nothing for a rollback to undo
    assertThat(seen().restartPolicy()).isEqualTo("always");
    assertThat(seen().running()).isTrue();
  }
}
