package dev.provision.exec;

/**
 * How to reverse a step that applied, said explicitly: an action ({@link Run}); nothing to reverse
 * because the step changed nothing that matters ({@link NotNeeded}, e.g. "a pulled image is kept");
 * or an effect that cannot be reversed ({@link None}, e.g. "migrations ran: restore a backup"). A
 * rollback that meets a {@link None} is incomplete.
 */
public sealed interface Undo {

  /** The reversing action; runs with the same context the step applied with. */
  @FunctionalInterface
  interface Action {
    void run(StepContext context) throws Exception;
  }

  /** An undo that runs {@code action}, described for journal and display. */
  record Run(String description, Action action) implements Undo {}

  /** Nothing to reverse, with the reason (journaled; the rollback stays complete). */
  record NotNeeded(String reason) implements Undo {}

  /** The effect stays: no undo, with the reason and what to do instead, shown to the user. */
  record None(String reason) implements Undo {}

  static Undo of(String description, Action action) {
    return new Run(description, action);
  }

  static Undo notNeeded(String reason) {
    return new NotNeeded(reason);
  }

  static Undo none(String reason) {
    return new None(reason);
  }
}
