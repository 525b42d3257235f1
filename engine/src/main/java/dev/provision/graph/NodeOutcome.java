package dev.provision.graph;

import java.time.Duration;

/**
 * What happened to one node in a walk. Only {@link Failed} nodes are root causes; {@link Skipped}
 * and {@link NotStarted} nodes are consequences of them.
 */
public sealed interface NodeOutcome {

  /** The node ran and returned normally. */
  record Succeeded(Duration duration) implements NodeOutcome {}

  /** The node ran and threw {@code cause}. */
  record Failed(Throwable cause, Duration duration) implements NodeOutcome {}

  /** The node never ran because {@code failedDependency}, one of its ancestors, failed. */
  record Skipped(String failedDependency) implements NodeOutcome {}

  /**
   * The node's dependencies were fine, but the walk stopped before it started: {@code haltedBy}
   * failed elsewhere, or is null when the walking thread was interrupted.
   */
  record NotStarted(String haltedBy) implements NodeOutcome {}
}
