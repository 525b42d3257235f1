package dev.provision.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The first config hash (labels without a version prefix): SHA-256 over the display attributes,
 * secrets included. Kept only to compare labels written by older versions of provision, so that an
 * upgrade does not report a running deployment as changed; never written any more.
 */
final class ConfigHashV1 {
  private ConfigHashV1() {}

  static String of(Resource resource) {
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
