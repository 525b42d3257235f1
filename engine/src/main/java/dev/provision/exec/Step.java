package dev.provision.exec;

import java.util.List;

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
 *   <li>A successful {@link #apply} returns an {@link Applied}: the undo and commit hook built from
 *       what it found (a volume that already existed is not removed). The executor keeps that
 *       record; nothing else is asked of the step after its apply.
 *   <li>A step keeps no state between apply and undo (all its instance fields are final and set by
 *       its constructor): each apply returns its own record, so applying a step object again, or on
 *       several threads, never mixes up what one apply did with what another did. Apply, undo and
 *       commit may run on different threads.
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

  /**
   * Does the step's work and returns what it did: how to reverse it and what to do at commit. Never
   * returns null; throws when it fails (after cleaning up what it did).
   */
  Applied apply(StepContext context) throws Exception;
}
