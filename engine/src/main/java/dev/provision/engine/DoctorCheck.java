package dev.provision.engine;

import java.util.Objects;

/**
 * One finding of {@code provision doctor}: what was checked, how it came out, what was seen and,
 * when it failed, what to do. Never holds a secret or an admin key.
 *
 * @param detail one line, or several separated by newlines (e.g. a container's last log lines)
 * @param hint what to do next, or null
 */
public record DoctorCheck(String name, Status status, String detail, String hint) {
  public DoctorCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }

  /** How a check came out. */
  public enum Status {
    OK,
    FAIL,
    /** Not checked because something it needs is missing (reported by an earlier check). */
    SKIP
  }

  static DoctorCheck ok(String name, String detail) {
    return new DoctorCheck(name, Status.OK, detail, null);
  }

  static DoctorCheck fail(String name, String detail, String hint) {
    return new DoctorCheck(name, Status.FAIL, detail, hint);
  }

  static DoctorCheck skip(String name, String detail) {
    return new DoctorCheck(name, Status.SKIP, detail, null);
  }
}
