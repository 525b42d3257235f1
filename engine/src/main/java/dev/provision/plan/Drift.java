package dev.provision.plan;

import dev.provision.model.Address;
import java.util.List;

/**
 * A resource that differs from what the engine last applied (someone changed it by hand). Reported
 * apart from the changes the spec asks for.
 */
public record Drift(Address address, List<AttributeChange> attributes, String note) {
  public Drift {
    attributes = List.copyOf(attributes);
  }
}
