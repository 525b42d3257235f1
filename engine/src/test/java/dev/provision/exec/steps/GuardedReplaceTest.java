package dev.provision.exec.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.driver.FakeHostDriver;
import dev.provision.driver.FakeScript;
import dev.provision.exec.Applied;
import dev.provision.exec.Fixtures;
import dev.provision.exec.StepContext;
import dev.provision.exec.TestClock;
import dev.provision.exec.Undo;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A replace with a {@link DataGuard}: the backup is taken while the old container is stopped and
 * before the new one starts; it is restored before the old one starts again, after a failed start
 * or by the undo; a side-by-side replace never backs up.
 */
class GuardedReplaceTest {
  private final FakeHostDriver host = new FakeHostDriver();
  private final StepContext context = Fixtures.context(host, TestClock.at("2026-11-27T10:00:00Z"));
  private final ContainerResource old = Fixtures.web("app:1", 8080);
  private final List<String> events = new ArrayList<>();

  private final DataGuard guard =
      new DataGuard() {
        @Override
        public Path backup(StepContext c, String stoppedWriter) {
          events.add("backup from " + stoppedWriter + " running=" + running(stoppedWriter));
          return Path.of("/b/demo-1.tar");
        }

        @Override
        public void restore(StepContext c, Path archive) {
          events.add("restore " + archive + " web running=" + running("web"));
        }

        @Override
        public Path folder() {
          return Path.of("/b");
        }
      };

  @BeforeEach
  void runningOldContainer() {
    host.addImage("app:1").addImage("app:2").addImage("app:broken");
    host.script("app:broken", FakeScript.exitsAtOnce(1, "boom"));
    host.createNetwork(
        "demo",
        new NetworkResource(
            dev.provision.model.Address.of(dev.provision.model.Address.Kind.NETWORK, "main"),
            "demo-net"));
    host.createContainer("demo", old, "web", "h1");
    host.startContainer("web");
  }

  private ReplaceContainerStep replaceWith(ContainerResource next) {
    return new ReplaceContainerStep(
        "container.web/replace",
        List.of(),
        old,
        next,
        "h2",
        java.util.Map.of(),
        Optional.of(guard));
  }

  @Test
  void backsUpInTheStopWindowAndTheUndoRestoresBeforeTheOldOneStarts() throws Exception {
    ReplaceContainerStep step = replaceWith(Fixtures.web("app:2", 8080));
    assertThat(step.description()).endsWith(", backing the data up to /b while it is stopped");

    Applied done = step.apply(context);
    assertThat(events).containsExactly("backup from web-prev running=false");
    assertThat(done.undo().toString()).contains("restore the data from /b/demo-1.tar");

    ((Undo.Run) done.undo()).action().run(context);
    assertThat(events).last().isEqualTo("restore /b/demo-1.tar web running=false");
    assertThat(host.state().containers().get("web").image()).isEqualTo("app:1");
    assertThat(host.state().containers().get("web").running()).isTrue();
  }

  @Test
  void aFailedStartRestoresTheBackupBeforeTheOldOneStartsAgain() {
    assertThatThrownBy(() -> replaceWith(Fixtures.web("app:broken", 8080)).apply(context))
        .hasMessageContaining("the data was restored from /b/demo-1.tar")
        .hasMessageContaining("the old container web was started again and serves");
    assertThat(events)
        .containsExactly(
            "backup from web-prev running=false", "restore /b/demo-1.tar web running=false");
    assertThat(host.state().containers().get("web").running()).isTrue();
  }

  @Test
  void aSideBySideReplaceTakesNoBackup() {
    replaceWith(Fixtures.web("app:2", 8081)).apply(context);
    assertThat(events).isEmpty();
  }

  /** A guard that dumps from the old server while it runs (a database), as a Postgres upgrade. */
  private final DataGuard whileRunning =
      new DataGuard() {
        @Override
        public boolean beforeStop() {
          return true;
        }

        @Override
        public Path backup(StepContext c, String oldContainer) {
          events.add("backup from " + oldContainer + " running=" + running(oldContainer));
          return Path.of("/b/demo-2.tar");
        }

        @Override
        public void restore(StepContext c, Path archive) {
          events.add("restore " + archive);
        }

        @Override
        public void resume(StepContext c) {
          events.add("resume web running=" + running("web"));
        }

        @Override
        public Path folder() {
          return Path.of("/b");
        }
      };

  private ReplaceContainerStep replaceWhileRunning(ContainerResource next) {
    return new ReplaceContainerStep(
        "container.web/replace",
        List.of(),
        old,
        next,
        "h2",
        java.util.Map.of(),
        Optional.of(whileRunning));
  }

  @Test
  void aGuardThatDumpsFromTheRunningServerBacksUpBeforeTheStopAndResumesAfter() throws Exception {
    Applied done = replaceWhileRunning(Fixtures.web("app:2", 8080)).apply(context);
    assertThat(events).containsExactly("backup from web running=true", "resume web running=true");

    ((Undo.Run) done.undo()).action().run(context);
    assertThat(events)
        .containsExactly(
            "backup from web running=true",
            "resume web running=true",
            "restore /b/demo-2.tar",
            "resume web running=true");
    assertThat(host.state().containers().get("web").image()).isEqualTo("app:1");
  }

  @Test
  void aGuardThatDumpsFromTheRunningServerRestoresAndResumesAfterAFailedStart() {
    assertThatThrownBy(() -> replaceWhileRunning(Fixtures.web("app:broken", 8080)).apply(context))
        .hasMessageContaining("the data was restored from /b/demo-2.tar")
        .hasMessageContaining("the old container web was started again and serves");
    assertThat(events)
        .containsExactly(
            "backup from web running=true", "restore /b/demo-2.tar", "resume web running=true");
    assertThat(host.state().containers().get("web").running()).isTrue();
  }

  private boolean running(String name) {
    return host.inspectContainer(name).map(s -> s.running()).orElse(false);
  }
}
