package dev.provision.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Small helpers of backup and restore: the secrets part's JSON, hashing, and temp clean-up. */
final class BackupJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BackupJson() {}

  static byte[] secrets(Map<String, String> entries) throws IOException {
    return JSON.writeValueAsBytes(new TreeMap<>(entries));
  }

  static Map<String, String> secrets(Path part) throws IOException {
    return JSON.readValue(
        Files.readAllBytes(part), new TypeReference<TreeMap<String, String>>() {});
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Deletes a temporary folder and everything in it, quietly. */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover private temp folder is harmless; the next backup uses another name
    }
  }
}
