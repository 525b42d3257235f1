package dev.provision.exec;

/**
 * How to reverse a step that applied: either an action, or an explicit statement that there is
 * none and why (for example "a pulled image is kept", or "migrations ran: restore a backup").
 * There is no third option, so every step has to say which it is.
 */
public sealed interface Undo {

  /** The reversing action; runs with the same context the step applied with. */
  @FunctionalInterface
  interface Action {
    void run(StepContext context) throws Exception;
  }

  /** An undo that runs {@code action}, described for journal and display. */
  record Run(String description, Action action) implements Undo {}

  /** No undo, with the reason shown to the user. */
  record None(String reason) implements Undo {}

  static Undo of(String description, Action action) {
    return new Run(description, action);
  }

  static Undo none(String reason) {
    return new None(reason);
  }
}
