package dev.provision.exec.steps;

import dev.provision.driver.convex.ConvexAdminApi;
import dev.provision.driver.convex.EnvChange;
import dev.provision.exec.Applied;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import dev.provision.model.Value;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sets (or, with no value, deletes) one deployment env var through the admin API, as {@code npx
 * convex env set} does. Undo puts the previous value back, or deletes a new variable.
 */
public final class SetEnvVarStep extends BaseStep {
  private final Supplier<ConvexAdminApi> api;
  private final String name;
  private final Optional<Value> value;
  private final Optional<Value> previous;

  /**
   * @param value the new value, empty to delete
   * @param previous the value before this apply, empty when the variable did not exist
   */
  public SetEnvVarStep(
      String id,
      List<String> dependsOn,
      Supplier<ConvexAdminApi> api,
      String name,
      Optional<Value> value,
      Optional<Value> previous) {
    super(id, dependsOn);
    this.api = api;
    this.name = name;
    this.value = value;
    this.previous = previous;
  }

  @Override
  public String description() {
    return (value.isPresent() ? "set" : "delete") + " deployment env var " + name;
  }

  @Override
  public Applied apply(StepContext context) {
    api.get().updateEnvironmentVariables(List.of(change(value)));
    return Applied.of(
        Undo.of(
            previous.isPresent() ? "restore the previous value of " + name : "delete " + name,
            c -> api.get().updateEnvironmentVariables(List.of(change(previous)))));
  }

  private EnvChange change(Optional<Value> v) {
    return new EnvChange(name, v.map(Value::text).orElse(null));
  }
}
