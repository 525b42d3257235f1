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
 * @param consequence display only: what the risk means for this deployment, or null when safe
 */
public record Change(
    Address address,
    Action action,
    List<AttributeChange> attributes,
    String reason,
    Risk risk,
    String consequence,
    List<PlannedStep> steps,
    Optional<Resource> before,
    Optional<Resource> after) {

  public Change {
    attributes = List.copyOf(attributes);
    steps = List.copyOf(steps);
  }

  /** A change whose typed resources are not known (read back from an older plan file). */
  public Change(
      Address address,
      Action action,
      List<AttributeChange> attributes,
      String reason,
      Risk risk,
      String consequence,
      List<PlannedStep> steps) {
    this(
        address,
        action,
        attributes,
        reason,
        risk,
        consequence,
        steps,
        Optional.empty(),
        Optional.empty());
  }

  /** The same change carried out by {@code other} steps. */
  public Change withSteps(List<PlannedStep> other) {
    return new Change(address, action, attributes, reason, risk, consequence, other, before, after);
  }

  /** The same change with the typed resources it starts from and ends with. */
  public Change withResources(Optional<Resource> from, Optional<Resource> to) {
    return new Change(address, action, attributes, reason, risk, consequence, steps, from, to);
  }
}
