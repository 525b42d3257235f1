package dev.provision.model;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A configuration value that knows whether it is secret. Equality compares the text, so a planner
 * can tell that a secret changed without ever showing it; {@link #toString()} and {@link
 * #display()} never reveal a sensitive value.
 *
 * <p>An offline plan (against nothing or an older spec) does not need secret values: a reference
 * that is not set there becomes an <em>unresolved</em> value. Its text is then the reference as
 * written (such as {@code ${env:PGPASSWORD}}), which is not secret, so the same reference compares
 * unchanged and a different one (or other text around it) changed; {@code from} names the
 * references, and it always is sensitive. Only {@link #display()} is ever shown.
 *
 * @param from the references the value will be read from, empty for a known value
 */
public record Value(String text, boolean sensitive, List<Reference> from) {

  public static final String MASK = "(sensitive)";

  public Value {
    Objects.requireNonNull(text, "text");
    from = List.copyOf(from);
    sensitive = sensitive || !from.isEmpty();
  }

  public Value(String text, boolean sensitive) {
    this(text, sensitive, List.of());
  }

  public static Value plain(String text) {
    return new Value(text, false);
  }

  public static Value secret(String text) {
    return new Value(text, true);
  }

  /**
   * A value an offline plan could not read: {@code written} is the spec text with its references
   * (compared, never shown), {@code from} the references in it.
   */
  public static Value unresolved(String written, List<Reference> from) {
    if (from.isEmpty()) {
      throw new IllegalArgumentException("an unresolved value names its references");
    }
    return new Value(written, true, from);
  }

  /** True when the value is not known yet (an offline plan's unset reference). */
  public boolean unresolved() {
    return !from.isEmpty();
  }

  /**
   * True when both stand for the same value: the same text, both known or both unresolved. A known
   * value never equals an unresolved one, even when its text reads like a reference.
   */
  public boolean sameAs(Value other) {
    return other != null && text.equals(other.text) && from.equals(other.from);
  }

  /**
   * A value computed from this one (a URL holding a password, a key's placeholder): unresolved
   * stays unresolved, with the same references.
   */
  public Value derive(String otherText, boolean otherSensitive) {
    return new Value(otherText, otherSensitive, from);
  }

  /**
   * What a plan, a log or an error may show: the text, {@code (sensitive)}, or for an unresolved
   * value {@code (sensitive, from env NAME)}.
   */
  public String display() {
    if (unresolved()) {
      return "(sensitive, from "
          + from.stream().map(Reference::shown).distinct().collect(Collectors.joining(", "))
          + ")";
    }
    return sensitive ? MASK : text;
  }

  /** Same text, marked sensitive. */
  public Value asSensitive() {
    return sensitive ? this : new Value(text, true, from);
  }

  @Override
  public String toString() {
    return display();
  }
}
