package dev.provision.exec;

import java.util.List;
import java.util.Optional;

/**
 * One small unit of work of an apply, with one verb (create a volume, start a container).
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>{@link #apply} checks before it acts, so running it again on a host where it already took
 *       effect changes nothing.
 *   <li>When {@link #apply} fails, it leaves the host as it found it as far as it can (a container
 *       it created is removed); the executor never undoes a failed step.
 *   <li>{@link #undo} is asked only after {@link #apply} succeeded, so it may depend on what apply
 *       found (a volume that already existed is not removed).
 *   <li>A step object is used for one apply; it may remember what its apply did. Apply, undo and
 *       commit may run on different threads, one after the other.
 * </ul>
 *
 * Steps report problems a user can act on as {@code ProvisionException}s without secret values.
 */
public interface Step {
  /** Unique within an apply, e.g. {@code container.backend/replace}. */
  String id();

  /** Ids of steps that must succeed before this one starts. */
  List<String> dependsOn();

  /** One line for display and the journal, e.g. {@code start container demo-backend}. */
  String description();

  void apply(StepContext context) throws Exception;

  /** How to reverse the apply that just succeeded, or why that is not possible. */
  Undo undo();

  /** Work to do once the whole apply succeeded; empty by default. Asked after apply succeeded. */
  default Optional<CommitHook> onCommit() {
    return Optional.empty();
  }
}
