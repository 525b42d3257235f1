package dev.provision.driver.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.diag.CertificateFile;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.Labels;
import dev.provision.driver.docker.DockerConnection;
import dev.provision.model.ContainerResource;
import dev.provision.model.Mount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Files of this machine that a container mounts (a bind mount: the proxy's certificate, key and
 * ACME root, the CA the backend trusts) delivered to a Swarm service as Swarm secrets, since a
 * service sees the files of its node, not of this machine. Every such file is a secret (encrypted
 * in the swarm's log, mounted in memory), whether or not it is a key, so no type decides which file
 * may be stored in the clear; its content is never in a label, a plan or a message.
 *
 * <p>A secret cannot change, so its name carries a hash of the mount target and the content ({@link
 * #name}): new content is a new secret, and {@link #changed} tells the observer that the file on
 * this machine no longer matches what the service got. A service's secrets are removed with it
 * ({@link #removeUnused}); one still used elsewhere stays.
 */
final class SwarmFiles {
  /** On a secret: marks it as a file provision copied from this machine. */
  static final String FILE_LABEL = "dev.provision.swarm.file";

  /**
   * On a service: the mounts delivered as secrets, {@code target=source} lines in target order (the
   * path on this machine, read back as the mount's source).
   */
  static final String SOURCES_LABEL = "dev.provision.swarm.files";

  /** The longest deployment prefix that keeps a secret name within 64 characters. */
  private static final int MAX_PREFIX = 64 - "-file-".length() - 16;

  /** Largest secret Swarm stores. */
  static final int MAX_BYTES = 500 * 1024;

  /** A secret a service refers to, for {@code ContainerSpec.Secrets}. */
  record Ref(String id, String name, int mode) {}

  private final SwarmApi api;

  SwarmFiles(SwarmApi api) {
    this.api = api;
  }

  /**
   * The secret name for {@code content} mounted at {@code target}: the deployment (cut to fit
   * Swarm's 64 characters; the hash covers it whole), {@code -file-} and a hash. Pure.
   */
  static String name(String deployment, String target, byte[] content) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : List.of(deployment, target)) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      sha.update(content);
      String prefix = deployment.substring(0, Math.min(deployment.length(), MAX_PREFIX));
      return prefix + "-file-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** {@link #SOURCES_LABEL}'s value for {@code spec}, or null when it mounts no file. Pure. */
  static String sourcesLabel(ContainerResource spec) {
    TreeMap<String, String> sources = new TreeMap<>();
    spec.mounts().stream().filter(Mount::bind).forEach(m -> sources.put(m.target(), m.source()));
    StringBuilder out = new StringBuilder();
    sources.forEach((t, s) -> out.append(t).append('=').append(s).append('\n'));
    return sources.isEmpty() ? null : out.toString();
  }

  /** The sources recorded in {@link #SOURCES_LABEL} by target. Pure. */
  static Map<String, String> sources(Map<String, String> labels) {
    Map<String, String> out = new TreeMap<>();
    String text = labels.getOrDefault(SOURCES_LABEL, "");
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        out.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return out;
  }

  /**
   * Creates (when missing) the secret of each file {@code spec} mounts, read from this machine.
   *
   * @return the secret by mount target
   */
  Map<String, Ref> ensure(String deployment, ContainerResource spec) {
    Map<String, Ref> out = new TreeMap<>();
    for (Mount m : spec.mounts()) {
      if (!m.bind()) {
        continue;
      }
      byte[] content = read(m);
      String name = name(deployment, m.target(), content);
      String id =
          api.get("/secrets/" + SwarmApi.encode(name))
              .map(s -> s.path("ID").asText())
              .orElseGet(() -> create(deployment, name, content));
      out.put(m.target(), new Ref(id, name, mode(Path.of(m.source()))));
    }
    return out;
  }

  private String create(String deployment, String name, byte[] content) {
    ObjectNode body = SwarmApi.JSON.createObjectNode().put("Name", name);
    body.set(
        "Labels",
        SwarmApi.labelsNode(new TreeMap<>(Map.of(Labels.DEPLOYMENT, deployment, FILE_LABEL, "1"))));
    body.put("Data", Base64.getEncoder().encodeToString(content));
    DockerConnection.Answer answer = api.exchange("POST", "/secrets/create", body);
    if (answer.status() == 409) {
      return api.get("/secrets/" + SwarmApi.encode(name)).orElseThrow().path("ID").asText();
    }
    api.check("creating secret " + name, answer, List.of());
    return answer.body().path("ID").asText();
  }

  /**
   * True when the file behind {@code secretName} at {@code target} now reads otherwise on this
   * machine; false when it is the same, or cannot be read here (nothing to compare with).
   */
  static boolean changed(String deployment, String target, String source, String secretName) {
    try {
      Path file = Path.of(source);
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
        return false;
      }
      return !name(deployment, target, Files.readAllBytes(file)).equals(secretName);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Removes the provision-made secrets {@code service} refers to, except those still in use. */
  void removeUnused(JsonNode service) {
    for (JsonNode ref : ServiceDecoder.containerSpec(service).path("Secrets")) {
      String id = ref.path("SecretID").asText();
      boolean ours =
          api.get("/secrets/" + SwarmApi.encode(id))
              .map(s -> s.path("Spec").path("Labels").has(FILE_LABEL))
              .orElse(false);
      if (ours) {
        // 400 or 409 while another service still uses it: that one removes it later
        api.exchange("DELETE", "/secrets/" + SwarmApi.encode(id), null);
      }
    }
  }

  private static byte[] read(Mount m) {
    String what = "file " + m.source() + " (mounted at " + m.target() + ")";
    byte[] content = CertificateFile.read(Path.of(m.source()), what);
    if (content.length > MAX_BYTES) {
      throw ProvisionException.of(
          "the " + what + " is larger than a Swarm secret can be (500 KiB)",
          "use a smaller file (a certificate chain or a key is a few KiB)");
    }
    return content;
  }

  /**
   * The read bits of the file on this machine, for root in the container: a key readable only by
   * its owner stays so (0400), a certificate readable by all too (0444).
   */
  static int mode(Path file) {
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
      int mode = 0400;
      mode |= p.contains(PosixFilePermission.GROUP_READ) ? 0040 : 0;
      mode |= p.contains(PosixFilePermission.OTHERS_READ) ? 0004 : 0;
      return mode;
    } catch (IOException | UnsupportedOperationException e) {
      return 0400;
    }
  }

  /** The secret references of {@code service} by mount target. Pure. */
  static Map<String, String> secretNames(JsonNode service) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode ref : ServiceDecoder.containerSpec(service).path("Secrets")) {
      out.put(ref.path("File").path("Name").asText(), ref.path("SecretName").asText());
    }
    return out;
  }
}
