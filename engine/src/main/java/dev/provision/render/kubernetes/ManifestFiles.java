package dev.provision.render.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.Labels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code render --out DIR}: one file per object ({@code kind-name.yaml}), and the files an earlier
 * render of the same deployment wrote there that this render no longer writes are deleted (a
 * provider or the Postgres Job removed from the spec), so that {@code kubectl apply -f DIR} does
 * not bring them back. A file is deleted only when it is provably provision's: a regular file named
 * {@code kind-name.yaml} after the one object it holds, whose labels say {@code
 * app.kubernetes.io/managed-by: provision} and this deployment, and which is not a Secret (render
 * writes the Secret only where {@code --secrets} says). Any other file in DIR is left alone.
 */
public final class ManifestFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final long MAX_BYTES = 1024 * 1024;

  /** The files written (in apply order) and the stale ones deleted (by name). */
  public record Result(List<Path> written, List<Path> deleted) {
    public Result {
      written = List.copyOf(written);
      deleted = List.copyOf(deleted);
    }
  }

  private ManifestFiles() {}

  /** Writes {@code manifests} of {@code deployment} into {@code dir} and prunes stale files. */
  public static Result write(KubernetesManifests manifests, String deployment, Path dir) {
    try {
      Files.createDirectories(dir);
      List<Path> written = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (KubernetesManifests.Manifest m : manifests.manifests()) {
        Path file = dir.resolve(m.fileName());
        Files.writeString(file, m.yaml(), StandardCharsets.UTF_8);
        written.add(file);
        names.add(m.fileName());
      }
      List<Path> deleted = new ArrayList<>();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.sorted().toList()) {
          if (!names.contains(file.getFileName().toString()) && ours(file, deployment)) {
            Files.delete(file);
            deleted.add(file);
          }
        }
      }
      return new Result(written, deleted);
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot write the manifests into " + dir + ": " + e.getMessage(),
          "check that --out names a folder you may write");
    }
  }

  /** Whether {@code file} is a manifest an earlier render of {@code deployment} wrote. */
  static boolean ours(Path file, String deployment) {
    String name = file.getFileName().toString();
    try {
      if (!name.endsWith(".yaml")
          || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          || Files.size(file) > MAX_BYTES) {
        return false;
      }
      List<JsonNode> docs = new ArrayList<>();
      try (MappingIterator<JsonNode> it =
          YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
        while (it.hasNext()) {
          docs.add(it.next());
        }
      }
      if (docs.size() != 1) {
        return false;
      }
      JsonNode doc = docs.get(0);
      String kind = doc.path("kind").asText("");
      JsonNode labels = doc.path("metadata").path("labels");
      return !kind.isEmpty()
          && !kind.equals("Secret")
          && name.equals(
              kind.toLowerCase(Locale.ROOT)
                  + "-"
                  + doc.path("metadata").path("name").asText()
                  + ".yaml")
          && K8sLabels.MANAGED_BY.equals(labels.path(K8sLabels.MANAGED_BY_KEY).asText())
          && deployment.equals(labels.path(Labels.DEPLOYMENT).asText());
    } catch (IOException | RuntimeException unreadable) {
      return false; // not YAML provision wrote: not ours to delete
    }
  }
}
