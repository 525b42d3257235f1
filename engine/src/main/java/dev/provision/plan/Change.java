package dev.provision.plan;

import dev.provision.model.Address;
import dev.provision.model.Resource;
import java.util.List;
import java.util.Optional;

/**
 * One planned change to one resource: the action, the typed resource before (as observed, after any
 * recovery) and after (as desired), the attributes that differ, why, how risky it is (with the
 * consequence in Convex terms) and the ordered steps that carry it out.
 *
 * @param before the resource as it is on the target; empty for a create, or for a plan read back
 *     from a file that did not record it
 * @param after the resource as the spec wants it; empty for a delete
 * @param reason display only: why the change is needed
 * @param consequences display only: what the change does to this deployment, one entry per
 *     consequence, highest risk first (empty when safe and obvious); {@code risk} is never lower
 *     than any of them
 */
public record Change(
    Address address,
    Action action,
    List<AttributeChange> attributes,
    String reason,
    Risk risk,
    List<Consequence> consequences,
    List<PlannedStep> steps,
    Optional<Resource> before,
    Optional<Resource> after) {

  public Change {
    attributes = List.copyOf(attributes);
    consequences = List.copyOf(consequences);
    steps = List.copyOf(steps);
  }

  /** The change graded {@code grade}: its risk and its consequences. */
  public Change(
      Address address,
      Action action,
      List<AttributeChange> attributes,
      String reason,
      Grade grade,
      List<PlannedStep> steps) {
    this(address, action, attributes, reason, grade.risk(), grade.consequences(), steps);
  }

  /** A change whose typed resources are not known (read back from an older plan file). */
  public Change(
      Address address,
      Action action,
      List<AttributeChange> attributes,
      String reason,
      Risk risk,
      List<Consequence> consequences,
      List<PlannedStep> steps) {
    this(
        address,
        action,
        attributes,
        reason,
        risk,
        consequences,
        steps,
        Optional.empty(),
        Optional.empty());
  }

  /** The same change carried out by {@code other} steps. */
  public Change withSteps(List<PlannedStep> other) {
    return new Change(
        address, action, attributes, reason, risk, consequences, other, before, after);
  }

  /** The same change with the typed resources it starts from and ends with. */
  public Change withResources(Optional<Resource> from, Optional<Resource> to) {
    return new Change(address, action, attributes, reason, risk, consequences, steps, from, to);
  }
}
