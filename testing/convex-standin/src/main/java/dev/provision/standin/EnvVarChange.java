package dev.provision.standin;

/**
 * TEST STAND-IN ONLY. One entry of an {@code update_environment_variables} request: set {@code
 * name} to {@code value}, or delete it when {@code value} is null.
 *
 * @param name the variable name as sent
 * @param value the new value, or null to delete
 */
public record EnvVarChange(String name, String value) {
  /** Hides the value: deployment env vars often hold secrets. */
  @Override
  public String toString() {
    return "EnvVarChange[name=" + name + (value == null ? ", delete]" : ", value=<redacted>]");
  }
}
