package dev.provision.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Test-only hooks read from the environment the engine was given, so that tests of a real CLI
 * process can stop an apply at a known point. Never set them in production; unset, they do nothing.
 *
 * <ul>
 *   <li>{@code PROVISION_TEST_PAUSE_AT_STEP=STEP_ID} pauses just before step STEP_ID acts (after
 *       its start is journaled and recorded in the lock); {@code STEP_ID+} pauses just after it
 *       succeeded. The pause lasts until the apply is asked to stop (then the apply goes on and
 *       stops as asked) or 10 minutes pass.
 *   <li>{@code PROVISION_TEST_PAUSE_AT_STEP=STEP_ID@POINT} pauses inside step STEP_ID at a point it
 *       names (see {@link StepContext#checkpoint}); {@code container.backend/replace-container}
 *       names {@code after-stop} (the old container stopped, not yet renamed), {@code after-rename}
 *       (the old one renamed {@code NAME-prev}) and {@code after-start} (the new one started, not
 *       yet ready).
 *   <li>{@code PROVISION_TEST_PAUSE_AT_STEP=COMMAND@POINT} pauses {@code provision backup} or
 *       {@code provision restore} at a point it names (see {@link #checkpoint}): {@code
 *       backup@after-stop} (the backend stopped for the copy, nothing copied yet); {@code
 *       restore@after-before-backup} (the backend stopped, the backup of the current data taken,
 *       the restore's phase recorded in the lock, the data not yet touched); {@code
 *       restore@volume-emptied} (the data volume emptied, nothing extracted); {@code
 *       restore@after-extract} (the archive's volume extracted; a managed database not yet
 *       replaced, the secrets not yet written, the backend not started); {@code
 *       restore@database-dropped} (managed Postgres: the database dropped, not yet created again).
 *       The pause lasts 10 minutes (a test kills the process before).
 *   <li>{@code PROVISION_TEST_PAUSE_AT_STEP=lock@taken} pauses an apply or destroy right after it
 *       took the deployment's lock, before it observes the target (the window in which it plans);
 *       the pause ends early when the lock request's stop is asked (a signal to the CLI); {@code
 *       lock@taken-stuck} pauses there without ending early (a plan stuck on its target).
 *   <li>{@code PROVISION_TEST_PAUSE_AT_STEP=swarm-helper@copy-out} pauses the first Swarm helper
 *       service that copies files out of a task on another node, once its task is placed on that
 *       node (the service exists, not yet removed): in {@code provision backup} with the data on a
 *       worker, the copy of the data volume, the backend stopped. It ends early when the thread is
 *       interrupted (a signal to {@code backup}).
 *   <li>{@code PROVISION_TEST_PAUSE_MARKER=FILE}: the file written when the pause begins (a test
 *       waits for it, then sends a signal or kills the process).
 * </ul>
 */
public record TestHooks(Optional<String> pauseAt, Optional<Path> marker) {
  public static final String PAUSE_AT_STEP = "PROVISION_TEST_PAUSE_AT_STEP";
  public static final String PAUSE_MARKER = "PROVISION_TEST_PAUSE_MARKER";

  /** Separates a step id from a point inside the step. */
  public static final String INSIDE = "@";

  static final Duration LONGEST_PAUSE = Duration.ofMinutes(10);

  public static TestHooks none() {
    return new TestHooks(Optional.empty(), Optional.empty());
  }

  public static TestHooks from(Map<String, String> env) {
    return new TestHooks(
        Optional.ofNullable(env.get(PAUSE_AT_STEP)).filter(s -> !s.isBlank()),
        Optional.ofNullable(env.get(PAUSE_MARKER)).filter(s -> !s.isBlank()).map(Path::of));
  }

  /**
   * Pauses at {@code point} ({@code COMMAND@POINT}) when the hook names it: writes the marker, then
   * waits (a test kills the process meanwhile).
   */
  public void checkpoint(String point) {
    pause(point, false, StopRequest.never());
  }

  /** As {@link #checkpoint(String)}, the pause ending early when {@code stop} is asked. */
  public void checkpoint(String point, StopRequest stop) {
    pause(point, false, stop);
  }

  /** Pauses when the hook names {@code stepId} before it acts ({@code after} false) or after. */
  void pause(String stepId, boolean after, StopRequest stop) {
    if (pauseAt.isEmpty() || !pauseAt.get().equals(after ? stepId + "+" : stepId)) {
      return;
    }
    marker.ifPresent(
        file -> {
          try {
            Files.writeString(file, stepId + (after ? " succeeded" : " started") + "\n");
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    try {
      stop.await(LONGEST_PAUSE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
