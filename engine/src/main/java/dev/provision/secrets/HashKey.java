package dev.provision.secrets;

import dev.provision.model.ConfigHash;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The deployment's config-hash key: 32 random bytes kept as {@code hash-key} in the secrets file,
 * created on first use by an apply. It keys the HMAC through which secrets enter a config hash, so
 * a label never holds a plain hash of a secret. A plan only reads it; without one, drift of v2
 * labels is not judged (replacements never depend on it).
 *
 * <p>A new key is only held in memory until the apply really runs ({@link #store}): an apply that
 * is refused leaves the secrets file as it was, and one that is rolled back takes the key out again
 * ({@link #forget}), so a failed first apply still leaves no secrets file.
 *
 * @param hashes the hash function keyed with it
 * @param created the key's hex when this session made it (not yet stored)
 */
public record HashKey(ConfigHash hashes, Optional<String> created) {
  static final String ENTRY = "hash-key";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The stored key; else, when {@code create}, a new one held in memory; else no key. */
  public static HashKey load(SecretsFile file, boolean create) {
    Optional<byte[]> stored = file.get(ENTRY).flatMap(HashKey::parse);
    if (stored.isPresent()) {
      return new HashKey(ConfigHash.keyed(stored.get()), Optional.empty());
    }
    if (!create) {
      return new HashKey(ConfigHash.withoutKey(), Optional.empty());
    }
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return new HashKey(ConfigHash.keyed(key), Optional.of(HexFormat.of().formatHex(key)));
  }

  /** Writes a key this session made, before the first step labels anything with it. */
  public void store(SecretsFile file) {
    created.ifPresent(hex -> file.update(e -> e.get(ENTRY).isPresent() ? null : set(e, hex)));
  }

  /**
   * Takes a key this session made out again after a rollback (nothing it labelled is left), and
   * removes the secrets file when the apply created it and nothing else is in it.
   */
  public void forget(SecretsFile file) {
    if (created.isEmpty()) {
      return;
    }
    String hex = created.get();
    file.update(
        e -> {
          if (e.get(ENTRY).equals(Optional.of(hex))) {
            e.set(ENTRY, null);
            e.forget(ENTRY, hex);
          }
          return null;
        });
    file.deleteIfCreatedHereAndEmpty();
  }

  private static Void set(dev.provision.secrets.SecretEntries e, String hex) {
    e.set(ENTRY, hex);
    return null;
  }

  private static Optional<byte[]> parse(String hex) {
    try {
      byte[] key = HexFormat.of().parseHex(hex.strip());
      return key.length >= 16 ? Optional.of(key) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
