package dev.provision.model;

import java.util.Objects;

/**
 * A configuration value that knows whether it is secret. Equality compares the text, so a planner
 * can tell that a secret changed without ever showing it; {@link #toString()} and {@link
 * #display()} never reveal a sensitive value.
 */
public record Value(String text, boolean sensitive) {

  public static final String MASK = "(sensitive)";

  public Value {
    Objects.requireNonNull(text, "text");
  }

  public static Value plain(String text) {
    return new Value(text, false);
  }

  public static Value secret(String text) {
    return new Value(text, true);
  }

  /** What a plan, a log or an error may show. */
  public String display() {
    return sensitive ? MASK : text;
  }

  /** Same text, marked sensitive. */
  public Value asSensitive() {
    return sensitive ? this : new Value(text, true);
  }

  @Override
  public String toString() {
    return display();
  }
}
