package dev.provision.functions;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the deployment itself remembers of the last successful push: two provision-managed
 * deployment env vars, so a new or restored database (which has neither) forces a push. They are
 * not in the managed-env marker, so plans never report or remove them; the spec may not declare
 * them.
 *
 * @param hash the {@link FunctionsHash} pushed
 * @param at when the push finished
 */
public record FunctionsState(String hash, Optional<Instant> at) {
  /** The deployment env var holding the pushed {@link FunctionsHash}. */
  public static final String HASH_VAR = "PROVISION_FUNCTIONS_HASH";

  /** The deployment env var holding when that push finished (ISO-8601, UTC). */
  public static final String AT_VAR = "PROVISION_FUNCTIONS_DEPLOYED_AT";

  /** The state read from the deployment's env vars; empty when nothing was pushed by provision. */
  public static Optional<FunctionsState> from(Map<String, String> env) {
    String hash = env.get(HASH_VAR);
    if (hash == null || hash.isBlank()) {
      return Optional.empty();
    }
    Optional<Instant> at;
    try {
      at = Optional.ofNullable(env.get(AT_VAR)).map(Instant::parse);
    } catch (java.time.format.DateTimeParseException e) {
      at = Optional.empty();
    }
    return Optional.of(new FunctionsState(hash, at));
  }

  /** The first 12 characters of the hash, as plans and status show it. */
  public String shortHash() {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }
}
