package dev.provision.exec;

import java.util.Objects;
import java.util.Optional;

/**
 * What one successful {@link Step#apply} did, returned by it and kept by the executor (never by the
 * step): how to reverse it and what to do once the whole apply succeeded. Both are built by the
 * apply from what it found and changed (a volume that already existed gets {@link Undo#notNeeded}),
 * so the step itself holds no state between apply and undo, and each apply of a step gets its own
 * record.
 *
 * @param undo how to reverse this apply, or why that is not needed or not possible
 * @param onCommit work to do once every step of the apply succeeded, if any
 */
public record Applied(Undo undo, Optional<CommitHook> onCommit) {
  public Applied {
    Objects.requireNonNull(undo, "undo");
    Objects.requireNonNull(onCommit, "onCommit");
  }

  /** An apply reversed by {@code undo}, with nothing to do at commit. */
  public static Applied of(Undo undo) {
    return new Applied(undo, Optional.empty());
  }

  /** An apply reversed by {@code undo}, whose {@code hook} runs at commit. */
  public static Applied of(Undo undo, CommitHook hook) {
    return new Applied(undo, Optional.of(hook));
  }

  /** The same record with another undo (the commit hook is kept). */
  public Applied withUndo(Undo other) {
    return new Applied(other, onCommit);
  }
}
