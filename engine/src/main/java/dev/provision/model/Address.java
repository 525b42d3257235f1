package dev.provision.model;

import java.util.Locale;
import java.util.Objects;

/**
 * The stable name of one thing the engine owns, such as {@code container.backend}, {@code
 * volume.data}, {@code database.postgres} or {@code env.JWKS}. Addresses are written to labels, so
 * discovery needs no state file.
 */
public record Address(Kind kind, String name) implements Comparable<Address> {

  /** What sort of thing an address names; its {@link #label()} is the address's first word. */
  public enum Kind {
    NETWORK,
    VOLUME,
    CONTAINER,
    DATABASE,
    ENV,
    SECRET,
    FILE,
    /** A container provision did not make that writes to a data volume provision adopts. */
    WRITER,
    /** The app's Convex functions, pushed after an apply commits ({@code functions.deploy}). */
    FUNCTIONS;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The word written in addresses and labels, e.g. {@code container}. */
    public String label() {
      return label;
    }

    /** The kind written as {@code word}, e.g. {@code volume}. */
    public static Kind fromLabel(String word) {
      for (Kind k : values()) {
        if (k.label().equals(word)) {
          return k;
        }
      }
      throw new IllegalArgumentException("not an address kind: " + word);
    }
  }

  public Address {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  public static Address of(Kind kind, String name) {
    return new Address(kind, name);
  }

  /** Parses {@code kind.name}; the name may itself contain dots. */
  public static Address parse(String text) {
    int dot = text.indexOf('.');
    if (dot <= 0 || dot == text.length() - 1) {
      throw new IllegalArgumentException("not an address: " + text);
    }
    return new Address(Kind.fromLabel(text.substring(0, dot)), text.substring(dot + 1));
  }

  /** The same kind with another name, e.g. for the {@code -next} twin of a container. */
  public Address withName(String other) {
    return new Address(kind, other);
  }

  @Override
  public int compareTo(Address other) {
    // the order of toString(), without building the two strings (plans sort thousands of these)
    if (kind == other.kind) {
      return name.compareTo(other.name);
    }
    String a = kind.label();
    String b = other.kind.label();
    int la = a.length() + 1 + name.length();
    int lb = b.length() + 1 + other.name.length();
    for (int i = 0, n = Math.min(la, lb); i < n; i++) {
      char x = charAt(a, name, i);
      char y = charAt(b, other.name, i);
      if (x != y) {
        return x - y;
      }
    }
    return la - lb;
  }

  /** The character at {@code i} of {@code label + "." + name}. */
  private static char charAt(String label, String name, int i) {
    int n = label.length();
    return i < n ? label.charAt(i) : i == n ? '.' : name.charAt(i - n - 1);
  }

  /**
   * Written out rather than left to the record: the generated one links through {@code
   * ObjectMethods} on its first call, which cost every plan 10 to 15 ms before anything else in a
   * run needed that machinery.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof Address a && kind == a.kind && name.equals(a.name);
  }

  @Override
  public int hashCode() {
    return 31 * kind.ordinal() + name.hashCode(); // the same in every run, unlike an enum's
  }

  @Override
  public String toString() {
    return kind.label() + "." + name;
  }
}
