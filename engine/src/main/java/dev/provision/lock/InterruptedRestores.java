package dev.provision.lock;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.LockRecord;

/**
 * What plan, status and a refused command say about a restore killed while it replaced the data
 * (its stale lock records {@link DataPhase.ReplacingData}): the data may be half-written, and how
 * to get out (restore again, or go back to the backup taken just before).
 */
public final class InterruptedRestores {
  /** The apply flag that starts the backend on the data as it is. */
  public static final String ACCEPT_FLAG = "--accept-interrupted-restore";

  private InterruptedRestores() {}

  /** One line: what happened, to which deployment, when and by whom. */
  public static String message(String deployment, LockRecord lock, DataPhase.ReplacingData r) {
    return "a restore was interrupted while it replaced the data of "
        + deployment
        + ": the volume/database may be half-written (restore of "
        + r.archive()
        + ", last seen "
        + lock.expires().minus(DeploymentLock.TTL)
        + ", by "
        + lock.holder().describe()
        + ")";
  }

  /** What to do. */
  public static String hint(DataPhase.ReplacingData r) {
    return "finish it: provision restore SPEC "
        + r.archive()
        + "; or go back to the data from before it: provision restore SPEC "
        + r.before()
        + "; until a restore completes, apply refuses to start the backend ("
        + ACCEPT_FLAG
        + " starts it on the data as it is)";
  }

  /** The warning plan and status show. */
  public static Diagnostic note(String deployment, LockRecord lock, DataPhase.ReplacingData r) {
    return Diagnostic.warning(null, "lock", message(deployment, lock, r)).withHint(hint(r));
  }

  /** The refusal of a command that would start (or forget) the half-written data. */
  static ProvisionException refusal(String deployment, LockRecord lock, DataPhase.ReplacingData r) {
    return new ProvisionException(
        Diagnostic.error(null, "lock", message(deployment, lock, r))
            .withExpected("a restore that completed, before the backend starts on this data")
            .withFound("the interrupted restore's lock; nothing was changed")
            .withHint(hint(r)));
  }

  /** The warning of a restore (or an operator's apply) that takes the lock over. */
  static Diagnostic takenOver(String deployment, LockRecord lock, DataPhase.ReplacingData r) {
    return Diagnostic.warning(null, "lock", message(deployment, lock, r) + "; took its lock over")
        .withHint("this command replaces or accepts that data; the lock is cleared when it ends");
  }
}
