package dev.provision.engine;

import java.util.List;

/**
 * The post-apply report: each check with its outcome and a one-line detail (never a secret). A
 * failed check does not undo the apply; it tells the user what is still wrong.
 */
public record Verification(List<Check> checks) {
  public Verification {
    checks = List.copyOf(checks);
  }

  /** One check. */
  public record Check(String name, Status status, String detail) {}

  /**
   * How a check came out. WARNING: the deployment runs, but something users need depends on the
   * setup around it.
   */
  public enum Status {
    OK,
    WARNING,
    FAILED,
    SKIPPED
  }

  public boolean ok() {
    return checks.stream().noneMatch(c -> c.status() == Status.FAILED);
  }
}
