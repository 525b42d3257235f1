package dev.provision.driver.convex;

import java.util.List;

/** The backend's verdict on an admin key ({@code GET /api/check_admin_key}). */
public sealed interface AdminKeyStatus {

  /** Whether the backend accepted the key. */
  boolean accepted();

  /**
   * The key works.
   *
   * @param readOnly whether it may only read
   * @param allowedOps operations the key is limited to (empty: no limit)
   */
  record Accepted(boolean readOnly, List<String> allowedOps) implements AdminKeyStatus {
    public Accepted {
      allowedOps = List.copyOf(allowedOps);
    }

    @Override
    public boolean accepted() {
      return true;
    }
  }

  /**
   * The backend refused the key.
   *
   * @param status the HTTP status (401 for a bad key)
   * @param code the backend's error code, e.g. {@code BadAdminKey}; may be null
   * @param message the backend's message; never contains the key
   */
  record Rejected(int status, String code, String message) implements AdminKeyStatus {
    /** The code the backend sends for a key made from another instance secret. */
    public static final String BAD_ADMIN_KEY = "BadAdminKey";

    @Override
    public boolean accepted() {
      return false;
    }

    /** Whether the backend said the key was made with another secret or is malformed. */
    public boolean badAdminKey() {
      return BAD_ADMIN_KEY.equals(code);
    }
  }
}
