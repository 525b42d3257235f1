package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rules for names the engine hands to Docker and Convex: the instance name (names containers,
 * volumes, the Postgres database, and prefixes admin keys, where {@code :} and {@code |} are
 * separators) and Docker volume names.
 */
final class NameRules {
  static final Pattern DEPLOYMENT = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  static final Pattern VOLUME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

  /** Used for defaults when the name itself is missing or broken (already reported). */
  static final String PLACEHOLDER = "deployment";

  private NameRules() {}

  /** The deployment name, checked; the placeholder when it is missing or unresolved. */
  static String deployment(Fields root) {
    String name = root.string("deployment", null);
    if (name == null) {
      return PLACEHOLDER;
    }
    if (DEPLOYMENT.matcher(name).matches()) {
      return name;
    }
    Diagnostic d =
        root.error("deployment", "`deployment` is not a valid instance name")
            .withExpected(
                "lower-case letters, digits and '-', 1 to 63 characters, starting and"
                    + " ending with a letter or digit")
            .withFound(root.shown("deployment"));
    String reason = reason(name);
    YNode.YScalar written = root.scalar("deployment");
    // A hint never derives from a value read through a reference: it would show the value.
    String suggestion = written != null && written.sensitive() ? null : suggest(name);
    String hint = reason;
    if (suggestion != null && !suggestion.equals(name)) {
      hint = reason + "; did you mean `" + suggestion + "`?";
    }
    root.add(d.withHint(hint));
    return name;
  }

  private static String reason(String name) {
    if (name.contains(":") || name.contains("|")) {
      return "`:` and `|` separate the parts of admin keys and are never allowed";
    }
    if (!name.equals(name.toLowerCase(Locale.ROOT))) {
      return "upper-case letters are not allowed";
    }
    if (name.contains("_")) {
      return "`_` is not allowed (the database name is derived by turning `-` into `_`)";
    }
    if (name.length() > 63) {
      return "the name is longer than 63 characters";
    }
    return "the name names Docker containers and volumes, so only [a-z0-9-] is allowed";
  }

  private static String suggest(String name) {
    String s =
        name.toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9-]+", "-")
            .replaceAll("^-+", "")
            .replaceAll("-+$", "");
    if (s.length() > 63) {
      s = s.substring(0, 63).replaceAll("-+$", "");
    }
    return DEPLOYMENT.matcher(s).matches() ? s : null;
  }

  /** Checks a Docker volume name written at {@code key}; returns the name. */
  static String volume(Fields f, String key, String fallback) {
    String name = f.string(key, fallback);
    if (name != null && f.has(key) && !VOLUME.matcher(name).matches()) {
      f.add(
          f.error(key, "`" + key + "` is not a valid Docker volume name")
              .withExpected(
                  "letters, digits, '_', '.' and '-', at least 2 characters, starting with"
                      + " a letter or digit")
              .withFound(f.shown(key)));
    }
    return name == null ? fallback : name;
  }
}
