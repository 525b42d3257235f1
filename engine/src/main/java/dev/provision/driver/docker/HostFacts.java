package dev.provision.driver.docker;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the host holds besides a container, needed to read the container as it really is: which
 * networks exist (by id and by name), and which image id each image name resolves to right now. A
 * container attached to a network that no longer exists is not on it; a container whose image id
 * differs from the one its image name resolves to runs another image than the name says.
 *
 * @param networks ids and names of every network on the host, or null when unknown (then every
 *     network counts as existing)
 * @param imageIds image name -> id it resolves to now; a name missing here is not on the host (or
 *     unknown), and then no mismatch is claimed
 */
record HostFacts(Set<String> networks, Map<String, String> imageIds) {

  /** Nothing known: networks exist, image ids are not compared (for pure decoding in tests). */
  static HostFacts unknown() {
    return new HostFacts(null, Map.of());
  }

  boolean networkExists(String idOrName) {
    return networks == null || networks.contains(idOrName);
  }

  Optional<String> imageId(String name) {
    return Optional.ofNullable(imageIds.get(name));
  }
}
