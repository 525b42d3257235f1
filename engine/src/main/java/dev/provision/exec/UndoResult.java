package dev.provision.exec;

/**
 * What the rollback did for one completed step.
 *
 * @param detail the undo's description, or the reason there is none
 * @param failure what the undo threw when {@code outcome} is FAILED, else null
 */
public record UndoResult(String stepId, Outcome outcome, String detail, Throwable failure) {

  /** Undo outcomes. */
  public enum Outcome {
    UNDONE,
    FAILED,
    /** The step changed nothing that needs reversing. */
    NOT_NEEDED,
    /** The step declared that it has no undo; its effect stays. */
    NO_UNDO,
    /** A second stop request ended the rollback before this step was undone: its effect stays. */
    ABANDONED
  }
}
