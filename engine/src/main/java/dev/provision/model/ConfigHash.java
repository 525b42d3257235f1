package dev.provision.model;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The config hash written in a container's {@code dev.provision.config-hash} label: {@code v3:HEX},
 * SHA-256 (first 16 bytes) of the {@link CanonicalConfig} serialization, where secrets enter only
 * as an HMAC keyed with the deployment's random hash key (kept in the secrets file). A label tells
 * what provision made; it decides no replace: the planner compares the real configuration. The hash
 * only tells drift (changed outside provision) from a change of the spec.
 *
 * <p>A label without a version prefix was written by an older provision (v1) and is compared with
 * that version's function, so an upgrade does not disturb running deployments; so is a {@code v2}
 * label (written before containers had health checks).
 */
public final class ConfigHash {
  private final byte[] key;

  private ConfigHash(byte[] key) {
    this.key = key == null ? null : key.clone();
  }

  /** Hashes with {@code key} (at least 16 bytes). */
  public static ConfigHash keyed(byte[] key) {
    if (key.length < 16) {
      throw new IllegalArgumentException("a hash key has at least 16 bytes");
    }
    return new ConfigHash(key);
  }

  /**
   * Without a key (a plan against no target, or a secrets file without one yet): v2 labels cannot
   * be checked and {@link #matches} says so with an empty answer.
   */
  public static ConfigHash withoutKey() {
    return new ConfigHash(null);
  }

  public boolean hasKey() {
    return key != null;
  }

  /** The label value for {@code container}: {@code v3:HEX}. */
  public String of(ContainerResource container) {
    return of(container, CanonicalConfig.VERSION);
  }

  private String of(ContainerResource container, String version) {
    if (key == null) {
      throw new IllegalStateException("no hash key: the secrets file provides one at apply");
    }
    return version + ":" + sha(CanonicalConfig.of(container, key, version));
  }

  /**
   * The {@code v2} label value (no health check), as a provision before health checks wrote it: for
   * tests that stand in for an older provision.
   */
  public String v2(ContainerResource container) {
    return of(container, CanonicalConfig.V2);
  }

  /**
   * Whether {@code label} is the hash of {@code resource}, computed with the label's own version;
   * empty when that cannot be judged (no key for a v2 label, or an unknown version).
   */
  public Optional<Boolean> matches(String label, Resource resource) {
    int colon = label.indexOf(':');
    if (colon < 0) {
      return Optional.of(label.equals(ConfigHashV1.of(resource)));
    }
    String version = label.substring(0, colon);
    boolean known = version.equals(CanonicalConfig.VERSION) || version.equals(CanonicalConfig.V2);
    if (known && key != null && resource instanceof ContainerResource c) {
      return Optional.of(label.equals(of(c, version)));
    }
    return Optional.empty();
  }

  /**
   * A keyed fingerprint ({@code hmac:HEX}) of one secret value, so that a saved plan can tell that
   * a secret changed without holding it or an unkeyed hash of it (a weak password could be guessed
   * from that); empty without a key.
   */
  public Optional<String> fingerprint(String name, Value value) {
    return key == null
        ? Optional.empty()
        : Optional.of("hmac:" + CanonicalConfig.hmac(key, name, value.text()));
  }

  /** The v1 label value (for tests that stand in for an older provision). */
  public static String v1(Resource resource) {
    return ConfigHashV1.of(resource);
  }

  /** SHA-256 through BouncyCastle's digest: no JCA provider lookup on every container checked. */
  private static String sha(String text) {
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    SHA256Digest sha = new SHA256Digest();
    sha.update(in, 0, in.length);
    byte[] out = new byte[sha.getDigestSize()];
    sha.doFinal(out, 0);
    return HexFormat.of().formatHex(out, 0, 16);
  }
}
