package dev.provision.standin;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * TEST STAND-IN ONLY. The env vars a deployed app declares, as a test sets them on the stand-in
 * container: {@code STANDIN_REQUIRED_ENV=NAME1,NAME2} (deleting one is refused, 400 {@code
 * RequiredEnvironmentVariable}) and {@code STANDIN_ENV_PATTERN_<NAME>=<regex>} (a value that does
 * not match is refused, 400 {@code InvalidEnvironmentVariable}), as the real backend answers for an
 * app whose code declares them.
 *
 * @param required names that may not be deleted
 * @param patterns per name, the whole-value pattern a new value must match
 */
public record DeclaredEnvVars(Set<String> required, Map<String, Pattern> patterns) {
  private static final String PATTERN_PREFIX = "STANDIN_ENV_PATTERN_";

  public DeclaredEnvVars {
    required = Set.copyOf(required);
    patterns = Map.copyOf(patterns);
  }

  /** Nothing declared: every change the limits allow is accepted. */
  public static DeclaredEnvVars none() {
    return new DeclaredEnvVars(Set.of(), Map.of());
  }

  /** The declarations found in the stand-in's own environment. */
  public static DeclaredEnvVars fromEnv(Map<String, String> env) {
    Set<String> required = new TreeSet<>();
    String list = env.getOrDefault("STANDIN_REQUIRED_ENV", "");
    Arrays.stream(list.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .forEach(required::add);
    Map<String, Pattern> patterns = new TreeMap<>();
    env.forEach(
        (k, v) -> {
          if (k.startsWith(PATTERN_PREFIX) && k.length() > PATTERN_PREFIX.length()) {
            patterns.put(k.substring(PATTERN_PREFIX.length()), Pattern.compile(v));
          }
        });
    return new DeclaredEnvVars(required, patterns);
  }

  /** The refusal of one change (null value deletes), or empty when the app accepts it. */
  Optional<ApiError> check(EnvVarChange change) {
    String name = change.name();
    if (change.value() == null && required.contains(name)) {
      return Optional.of(
          ApiError.badRequest(
              "RequiredEnvironmentVariable",
              "Environment variable " + name + " is required by the deployed functions"));
    }
    Pattern pattern = patterns.get(name);
    if (change.value() != null && pattern != null && !pattern.matcher(change.value()).matches()) {
      return Optional.of(
          ApiError.badRequest(
              "InvalidEnvironmentVariable",
              "Environment variable " + name + " does not pass the deployed functions' validator"));
    }
    return Optional.empty();
  }
}
