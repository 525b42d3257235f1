package dev.provision.standin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * TEST STAND-IN ONLY. The deployment env var limits of the Convex backend: name {@code
 * ^[a-zA-Z_]+[a-zA-Z0-9_]*$} of at most 256 characters, value at most 8 KiB, at most 512 variables
 * and 512 KiB in total; {@code CONVEX_CLOUD_URL} and {@code CONVEX_SITE_URL} are built in and
 * refused (400 {@code EnvVarNameForbidden}); what the app declares ({@link DeclaredEnvVars}) is
 * enforced. Pure: checks a batch of changes against the current variables.
 */
public final class EnvVarRules {
  static final int MAX_NAME_CHARS = 256;
  static final int MAX_VALUE_BYTES = 8 * 1024;
  static final int MAX_VARS = 512;
  static final int MAX_TOTAL_BYTES = 512 * 1024;
  private static final Pattern NAME = Pattern.compile("^[a-zA-Z_]+[a-zA-Z0-9_]*$");
  private static final java.util.Set<String> BUILT_IN =
      java.util.Set.of("CONVEX_CLOUD_URL", "CONVEX_SITE_URL");

  private EnvVarRules() {}

  /** The first rule the batch breaks, or empty when {@link #apply} may run (nothing declared). */
  public static Optional<ApiError> check(Map<String, String> current, List<EnvVarChange> changes) {
    return check(current, changes, DeclaredEnvVars.none());
  }

  /** The first rule the batch breaks, the app's declarations included. */
  public static Optional<ApiError> check(
      Map<String, String> current, List<EnvVarChange> changes, DeclaredEnvVars declared) {
    for (EnvVarChange change : changes) {
      String name = change.name();
      if (name == null || name.isEmpty() || !NAME.matcher(name).matches()) {
        return Optional.of(
            ApiError.badRequest(
                "InvalidEnvVarName",
                "Environment variable name "
                    + quote(name)
                    + " must match ^[a-zA-Z_]+[a-zA-Z0-9_]*$"));
      }
      if (name.length() > MAX_NAME_CHARS) {
        return Optional.of(
            ApiError.badRequest(
                "EnvVarNameTooLong",
                "Environment variable name is longer than " + MAX_NAME_CHARS + " characters"));
      }
      if (BUILT_IN.contains(name)) {
        return Optional.of(
            ApiError.badRequest(
                "EnvVarNameForbidden",
                "Environment variable "
                    + name
                    + " is built in: it is set from the deployment's URL and cannot be changed"));
      }
      if (change.value() != null && bytes(change.value()) > MAX_VALUE_BYTES) {
        return Optional.of(
            ApiError.badRequest(
                "EnvVarValueTooLarge",
                "Environment variable "
                    + name
                    + " has a value over "
                    + MAX_VALUE_BYTES
                    + " bytes"));
      }
    }
    for (EnvVarChange change : changes) {
      Optional<ApiError> refused = declared.check(change);
      if (refused.isPresent()) {
        return refused;
      }
    }
    Map<String, String> after = apply(current, changes);
    if (after.size() > MAX_VARS) {
      return Optional.of(
          ApiError.badRequest(
              "TooManyEnvironmentVariables",
              "A deployment can have at most " + MAX_VARS + " environment variables"));
    }
    long total =
        after.entrySet().stream().mapToLong(e -> bytes(e.getKey()) + bytes(e.getValue())).sum();
    if (total > MAX_TOTAL_BYTES) {
      return Optional.of(
          ApiError.badRequest(
              "EnvironmentVariablesTooLarge",
              "Environment variables may total at most " + MAX_TOTAL_BYTES + " bytes"));
    }
    return Optional.empty();
  }

  /** The variables after the batch: later changes to the same name win; null deletes. */
  public static Map<String, String> apply(Map<String, String> current, List<EnvVarChange> changes) {
    Map<String, String> after = new TreeMap<>(current);
    for (EnvVarChange change : changes) {
      if (change.value() == null) {
        after.remove(change.name());
      } else {
        after.put(change.name(), change.value());
      }
    }
    return after;
  }

  private static long bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String quote(String name) {
    return name == null ? "(missing)" : "\"" + name + "\"";
  }
}
