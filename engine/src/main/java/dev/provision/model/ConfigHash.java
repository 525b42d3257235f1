package dev.provision.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A short, stable hash of a resource's attributes: written in a label when the engine applies a
 * resource, and compared with the observed attributes to detect drift. Secrets go into the hash (so
 * a changed secret is seen) but cannot be recovered from it.
 */
public final class ConfigHash {
  private ConfigHash() {}

  public static String of(Resource resource) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, Value> e : resource.attributes().entrySet()) {
        sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '=');
        sha.update(e.getValue().text().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
