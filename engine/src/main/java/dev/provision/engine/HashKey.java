package dev.provision.engine;

import dev.provision.model.ConfigHash;
import dev.provision.secrets.SecretsFile;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The deployment's config-hash key: 32 random bytes kept as {@code hash-key} in the secrets file,
 * created on first use by an apply. It keys the HMAC through which secrets enter a config hash, so
 * a label never holds a plain hash of a secret. A plan only reads it; without one, drift of v2
 * labels is not judged (replacements never depend on it).
 */
final class HashKey {
  static final String ENTRY = "hash-key";
  private static final SecureRandom RANDOM = new SecureRandom();

  private HashKey() {}

  static ConfigHash load(SecretsFile file, boolean create) {
    Optional<byte[]> stored = file.get(ENTRY).flatMap(HashKey::parse);
    if (stored.isPresent()) {
      return ConfigHash.keyed(stored.get());
    }
    if (!create) {
      return ConfigHash.withoutKey();
    }
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    file.put(ENTRY, HexFormat.of().formatHex(key));
    return ConfigHash.keyed(key);
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
