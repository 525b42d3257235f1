package dev.provision.plan;

import java.util.Objects;

/**
 * One thing a change does to the deployment, in its own terms: how much it hurts, what happens and,
 * when there is something to do about it, what to do (such as "export first"). A change can carry
 * several (an image upgrade that also switches SQLite to Postgres); its {@link Grade} is the
 * highest. Display only: nothing decides on the words.
 *
 * @param risk how much this consequence alone hurts
 * @param what what happens, e.g. "switching between SQLite and Postgres starts on an empty
 *     database"
 * @param hint what to do about it, or null when there is nothing to do
 */
public record Consequence(Risk risk, String what, String hint) {
  public Consequence {
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(what, "what");
  }

  /** A consequence with nothing to do about it. */
  public static Consequence of(Risk risk, String what) {
    return new Consequence(risk, what, null);
  }

  /** What happens, then what to do: the one-line form the text views print. */
  public String text() {
    return hint == null || hint.isBlank() ? what : what + "; " + hint;
  }
}
