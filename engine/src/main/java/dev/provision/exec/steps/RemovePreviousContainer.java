package dev.provision.exec.steps;

import dev.provision.exec.CommitHook;
import dev.provision.exec.StepContext;

/**
 * The commit hook that removes a container kept stopped as {@code NAME-prev} for a rollback, once
 * the whole apply succeeded. Removing a container that is already gone is not an error.
 */
public final class RemovePreviousContainer implements CommitHook {
  /** The suffix of a replaced or removed container kept until the apply commits. */
  public static final String SUFFIX = "-prev";

  private final String prevName;

  public RemovePreviousContainer(String containerName) {
    this.prevName = containerName + SUFFIX;
  }

  @Override
  public String id() {
    return "remove " + prevName;
  }

  @Override
  public void commit(StepContext context) {
    context.host().removeContainer(prevName);
  }
}
