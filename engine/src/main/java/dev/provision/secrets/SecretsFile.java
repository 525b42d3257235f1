package dev.provision.secrets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.diag.ProvisionException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The local file where generated secrets are kept (instance secret, Postgres password, JWT key): a
 * flat JSON object, written atomically with mode 0600 in a 0700 folder. Losing it is safe only
 * while the live target still holds the secrets; keep it backed up like a private key.
 */
public final class SecretsFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path path;

  public SecretsFile(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  /** All entries; empty when the file does not exist. */
  public Map<String, String> read() {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(path)) {
      return out;
    }
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(path.toFile());
      Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
        out.put(e.getKey(), e.getValue().asText());
      }
      return out;
    } catch (IOException | ClassCastException e) {
      throw ProvisionException.of(
          "cannot read the secrets file " + path + " (it is not a JSON object)",
          "restore it from a backup; without it, secrets are adopted from the live target when it runs");
    }
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(read().get(key));
  }

  /** Sets one entry (null removes it) and writes the file atomically, 0600. */
  public void put(String key, String value) {
    Map<String, String> all = read();
    if (value == null) {
      all.remove(key);
    } else {
      all.put(key, value);
    }
    write(all);
  }

  private void write(Map<String, String> entries) {
    try {
      Path dir = path.toAbsolutePath().getParent();
      boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        if (posix) {
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
      }
      Path tmp = Files.createTempFile(dir, ".secrets", ".tmp");
      if (posix) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      }
      ObjectNode node = JSON.createObjectNode();
      entries.forEach(node::put);
      Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
      try {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot write the secrets file " + path + ": " + e.getMessage(),
          "check that its folder is writable (set secrets.file in the spec to move it)");
    }
  }
}
