package dev.provision.model;

import java.util.Objects;

/**
 * The stable name of one thing the engine owns, such as {@code container.backend}, {@code
 * volume.data}, {@code database.postgres} or {@code env.JWKS}. Addresses are written to labels, so
 * discovery needs no state file.
 */
public record Address(String kind, String name) implements Comparable<Address> {

  public Address {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  public static Address of(String kind, String name) {
    return new Address(kind, name);
  }

  /** Parses {@code kind.name}; the name may itself contain dots. */
  public static Address parse(String text) {
    int dot = text.indexOf('.');
    if (dot <= 0 || dot == text.length() - 1) {
      throw new IllegalArgumentException("not an address: " + text);
    }
    return new Address(text.substring(0, dot), text.substring(dot + 1));
  }

  @Override
  public int compareTo(Address other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public String toString() {
    return kind + "." + name;
  }
}
