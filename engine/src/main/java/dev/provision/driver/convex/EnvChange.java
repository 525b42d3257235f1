package dev.provision.driver.convex;

import java.util.Objects;

/**
 * One change to a deployment env var: set it to a value, or delete it (value null). The value may
 * be a secret, so {@link #toString()} never shows it.
 */
public record EnvChange(String name, String value) {

  public EnvChange {
    Objects.requireNonNull(name, "name");
  }

  public static EnvChange set(String name, String value) {
    return new EnvChange(name, Objects.requireNonNull(value, "value"));
  }

  public static EnvChange delete(String name) {
    return new EnvChange(name, null);
  }

  public boolean isDelete() {
    return value == null;
  }

  @Override
  public String toString() {
    return isDelete() ? "delete " + name : "set " + name + "=(value hidden)";
  }
}
