package dev.provision.plan;

import dev.provision.model.Address;
import java.util.List;

/**
 * One planned change to one resource: the action, the attributes that differ, why, how risky it is
 * (with the consequence in Convex terms) and the ordered steps that carry it out.
 *
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
    List<PlannedStep> steps) {

  public Change {
    attributes = List.copyOf(attributes);
    steps = List.copyOf(steps);
  }
}
