package dev.provision.plan;

/**
 * Whether a container replace can be rolled back by starting the previous container again. A
 * backend image upgrade graded irreversible may run migrations the old image cannot read: it is
 * forward-only, and its step has no undo.
 */
public enum Reversibility {
  REVERSIBLE,
  FORWARD_ONLY
}
