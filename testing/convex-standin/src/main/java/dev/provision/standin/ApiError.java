package dev.provision.standin;

/**
 * TEST STAND-IN ONLY. An error answer of the admin API: HTTP status plus the JSON body {@code
 * {"code":..,"message":..}} the Convex backend uses.
 *
 * @param status the HTTP status
 * @param code the machine-readable code, e.g. {@code BadAdminKey}
 * @param message the human message
 */
public record ApiError(int status, String code, String message) {
  /** The answer to a key from another secret or instance, or no key at all. */
  public static ApiError badAdminKey() {
    return new ApiError(401, "BadAdminKey", "The provided admin key was invalid for this instance");
  }

  /** A 400 answer for a request the stand-in understood but refuses. */
  public static ApiError badRequest(String code, String message) {
    return new ApiError(400, code, message);
  }
}
