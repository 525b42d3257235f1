package dev.provision.plan;

import dev.provision.model.Value;

/**
 * One attribute that differs. {@code before} is null for a new attribute, {@code after} null for a
 * removed one. Sensitive values are compared by the planner but only ever displayed masked.
 */
public record AttributeChange(String path, Value before, Value after) {
  public boolean sensitive() {
    return (before != null && before.sensitive()) || (after != null && after.sensitive());
  }
}
