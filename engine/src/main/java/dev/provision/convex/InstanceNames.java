package dev.provision.convex;

import dev.provision.diag.Diagnostic;
import java.util.regex.Pattern;

/**
 * Rules for Convex instance names. The name prefixes every admin key ({@code name|hex}) and names
 * the Postgres database, so the engine allows only lowercase letters, digits and inner hyphens, at
 * most 63 characters (never {@code :} or {@code |}).
 */
public final class InstanceNames {
  /** The allowed form. */
  public static final Pattern VALID = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

  /** The name the backend uses when none is given. */
  public static final String DEFAULT = "convex-self-hosted";

  private InstanceNames() {}

  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  /** An error diagnostic for an invalid name at a YAML path, or null when the name is valid. */
  public static Diagnostic check(String name, String path) {
    if (isValid(name)) {
      return null;
    }
    return Diagnostic.error(null, path, "not a valid Convex instance name")
        .withExpected(
            "1 to 63 characters a-z, 0-9 and '-', starting and ending with a letter or digit")
        .withFound(name == null ? "nothing" : "'" + name + "'")
        .withHint(suggestionFor(name));
  }

  private static String suggestionFor(String name) {
    if (name == null || name.isBlank()) {
      return "set a name such as '" + DEFAULT + "'";
    }
    String fixed =
        name.toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9-]+", "-")
            .replaceAll("^-+|-+$", "");
    if (fixed.length() > 63) {
      fixed = fixed.substring(0, 63).replaceAll("-+$", "");
    }
    return isValid(fixed)
        ? "did you mean '" + fixed + "'?"
        : "use lowercase letters, digits and hyphens only";
  }

  /** The Postgres database the backend uses for an instance: '-' replaced by '_'. */
  public static String databaseName(String instanceName) {
    return instanceName.replace('-', '_');
  }
}
