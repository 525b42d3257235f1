package dev.provision.model;

import java.util.Objects;

/**
 * Where a value will come from when it is not known yet: a {@code ${env:NAME}} or {@code
 * ${file:PATH}} that an offline plan did not resolve. Names the variable or the file as written in
 * the spec, never a value, so it may be shown anywhere.
 *
 * @param source env or file
 * @param name the variable name, or the path as written (relative to the file it is written in)
 */
public record Reference(Source source, String name) {

  /** The two kinds of reference. */
  public enum Source {
    ENV("env"),
    FILE("file");

    private final String word;

    Source(String word) {
      this.word = word;
    }

    /** {@code env} or {@code file}, as in {@code ${env:NAME}}. */
    public String word() {
      return word;
    }
  }

  public Reference {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(name, "name");
  }

  /** {@code env NAME} or {@code file PATH}: what a plan shows after "from". */
  public String describe() {
    return source.word() + " " + name;
  }

  /** The longest name a person is shown whole; a longer one is cut, ending in an ellipsis. */
  public static final int SHOWN_LENGTH = 80;

  /** {@link #describe()} for people: a name longer than {@value #SHOWN_LENGTH} is cut. */
  public String shown() {
    return source.word()
        + " "
        + (name.length() <= SHOWN_LENGTH ? name : name.substring(0, SHOWN_LENGTH) + "…");
  }
}
