package dev.provision.plan;

import java.util.Objects;

/**
 * What undoes a planned step, as the plan states it: an inverse the executor runs on rollback, or
 * none, with why and what a person can do instead (such as restoring a backup). Decided by the
 * planner from typed data (a delete of data, a forward-only image upgrade); the executor reads it,
 * views print its text.
 */
public sealed interface Undo {

  /** The text views show: the inverse's description, or why there is none. */
  String text();

  /** The step has an inverse; {@code description} says what it does. */
  record Inverse(String description) implements Undo {
    public Inverse {
      Objects.requireNonNull(description, "description");
    }

    @Override
    public String text() {
      return description;
    }
  }

  /**
   * The step cannot be undone by the engine; {@code whyAndWhatInstead} says why and what to do
   * instead (null only in a plan read back from a file that did not record it).
   */
  record None(String whyAndWhatInstead) implements Undo {
    @Override
    public String text() {
      return whyAndWhatInstead;
    }
  }

  static Undo inverse(String description) {
    return new Inverse(description);
  }

  static Undo none(String whyAndWhatInstead) {
    return new None(whyAndWhatInstead);
  }
}
