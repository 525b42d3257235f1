package dev.provision.exec.steps;

import dev.provision.exec.StepContext;
import java.nio.file.Path;

/**
 * Makes a forward-only step undoable by its data: a backup taken while the deployment's only writer
 * is stopped, and put back before the old writer starts again. A {@link ReplaceContainerStep} of
 * the backend with a guard backs up inside its stop window; if the new container fails, or a later
 * step fails, the backup is restored before the old one starts.
 */
public interface DataGuard {
  /**
   * Backs up the data while {@code stoppedWriter} (the old container, stopped) holds it.
   *
   * @return the archive written
   */
  Path backup(StepContext context, String stoppedWriter);

  /** Puts {@code archive} back; the deployment's writers are stopped. */
  void restore(StepContext context, Path archive);

  /**
   * True when the backup is taken from the old container while it still runs (before the replace
   * stops it); the guard then stops the writer that uses it, and {@link #resume} restarts it.
   */
  default boolean beforeStop() {
    return false;
  }

  /** Starts again what {@link #backup} stopped, if anything; safe to call more than once. */
  default void resume(StepContext context) {}

  /** Where backups go, for step descriptions. */
  Path folder();
}
