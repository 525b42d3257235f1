package dev.provision.driver;

import dev.provision.diag.ProvisionException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The images {@link FakeHostDriver} holds: each with its labels and the files its containers start
 * with, and the names a registry would serve. Guarded by the driver's lock.
 */
final class FakeImages {
  private final Map<String, Map<String, String>> labels = new TreeMap<>();
  private final Map<String, Map<String, byte[]>> files = new HashMap<>();
  private final Set<String> pullable = new HashSet<>();

  void add(String image, Map<String, String> imageLabels, Map<String, String> imageFiles) {
    labels.put(image, Map.copyOf(imageLabels));
    Map<String, byte[]> bytes = new HashMap<>();
    imageFiles.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
    files.put(image, bytes);
  }

  void allowPull(String image) {
    pullable.add(image);
  }

  boolean has(String image) {
    return labels.containsKey(image);
  }

  Set<String> names() {
    return Set.copyOf(labels.keySet());
  }

  Map<String, String> labels(String image) {
    return labels.getOrDefault(image, Map.of());
  }

  Map<String, byte[]> files(String image) {
    return files.get(image);
  }

  void pull(String image, Consumer<String> progress) {
    if (!pullable.contains(image)) {
      throw ProvisionException.of(
          "cannot pull image " + image + ": pull access denied or repository does not exist",
          "Check the image name, or build or load the image on the host.");
    }
    progress.accept("Pulling " + image);
    labels.put(image, Map.of());
    files.put(image, Map.of());
    progress.accept("Downloaded newer image for " + image);
  }
}
