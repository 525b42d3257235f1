package dev.provision.exec;

/**
 * Work that waits until every step of an apply succeeded, such as removing a replaced container
 * that was kept stopped (as {@code NAME-prev}) so that a rollback could bring it back. A failing
 * hook does not roll anything back: the apply already took effect; the failure is reported as
 * something left over to clean up.
 */
public interface CommitHook {
  /** A short id for journal and display, e.g. {@code remove web-prev}. */
  String id();

  void commit(StepContext context) throws Exception;
}
