package dev.provision.plan;

import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import java.util.List;

/**
 * What the generic planner must be told about one kind of deployment: how much each change hurts
 * (with its consequence in the deployment's own terms), in which order changes run, and which
 * replacements touch data in ways the planner must treat specially. The planner compares, diffs and
 * wires steps for any resources; everything that knows the roles of a Convex deployment (backend,
 * Postgres, its env vars and secrets) lives in the implementation the caller passes in {@link
 * Planner.Request}, never in this package.
 */
public interface DeploymentPolicy {

  /**
   * The grade of {@code action} on {@code address}, given the attributes it changes: every
   * consequence that applies (not only the worst), graded by the highest.
   */
  Grade grade(Address address, Action action, List<AttributeChange> diff);

  /**
   * The rank of {@code address} in the create order: lower ranks are created (and updated) before
   * higher ones, and deleted after them. Changes of the same rank run in parallel.
   */
  int rank(Address address);

  /**
   * Whether creating or updating {@code then} waits for {@code first}, of a lower {@link #rank}: by
   * default everything of a higher rank waits for everything of a lower one; a policy may say that
   * a part started early (beside another) is not needed by some of what comes after.
   */
  default boolean waitsFor(Address then, Address first) {
    return true;
  }

  /**
   * Whether replacing {@code before} by {@code after} changes the password a data directory was
   * initialised with, so that the new password must be set in the running server before the new
   * container starts.
   */
  boolean changesDataPassword(ContainerResource before, ContainerResource after);

  /**
   * Whether a replace of {@code address} with {@code diff} may change its data for good (such as
   * forward-only migrations of an image upgrade): a half-done one is finished, not put back.
   */
  boolean migratesData(Address address, List<AttributeChange> diff);

  /**
   * Whether a replace of {@code address} graded {@code grade} has no undo (putting the previous
   * container back would not restore what it changed): its step says to restore from a backup.
   */
  boolean replaceHasNoUndo(Address address, Grade grade);

  /**
   * The step that sets the new data password in the running server before {@code after} replaces
   * {@code before}; asked only when {@link #changesDataPassword} said so.
   */
  StepAction.SetPostgresPassword dataPasswordChange(
      ContainerResource before, ContainerResource after);
}
