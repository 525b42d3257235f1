package dev.provision.driver;

import static dev.provision.driver.FakeCalls.fail;

import dev.provision.live.ObservedResource;
import dev.provision.model.Address;
import dev.provision.model.NetworkResource;
import dev.provision.model.VolumeResource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The networks and volumes {@link FakeHostDriver} holds, each with the deployment that owns it,
 * behaving as Docker does where it matters: a name belongs to one deployment, a network with
 * running containers or a volume mounted by any container cannot be removed. Guarded by the
 * driver's lock.
 */
final class FakeStorage {
  private final Map<String, NetworkResource> networks = new TreeMap<>();
  private final Map<String, String> networkOwners = new HashMap<>();
  private final Map<String, VolumeResource> volumes = new TreeMap<>();
  private final Map<String, String> volumeOwners = new HashMap<>();

  SortedMap<String, String> networkOwners() {
    return new TreeMap<>(networkOwners);
  }

  SortedMap<String, String> volumeOwners() {
    return new TreeMap<>(volumeOwners);
  }

  boolean hasNetwork(String name) {
    return networks.containsKey(name);
  }

  /** Adds the networks and volumes {@code deployment} owns to {@code found}. */
  void observe(String deployment, Map<Address, ObservedResource> found) {
    for (NetworkResource n : networks.values()) {
      if (deployment.equals(networkOwners.get(n.name()))) {
        found.put(n.address(), ObservedResource.of(n));
      }
    }
    for (VolumeResource v : volumes.values()) {
      if (deployment.equals(volumeOwners.get(v.name()))) {
        found.put(v.address(), ObservedResource.of(v));
      }
    }
  }

  void createNetwork(String deployment, NetworkResource network) {
    String owner = networkOwners.get(network.name());
    if (owner != null && !owner.equals(deployment)) {
      throw fail("network " + network.name() + " already exists and belongs to " + owner);
    }
    networks.put(network.name(), network);
    networkOwners.put(network.name(), deployment);
  }

  void removeNetwork(String name, Collection<FakeContainer> containers) {
    boolean inUse = containers.stream().anyMatch(c -> c.running && name.equals(c.spec.network()));
    if (inUse) {
      throw fail("network " + name + " has active endpoints");
    }
    networks.remove(name);
    networkOwners.remove(name);
  }

  /** A volume made outside provision: no labels, no owner. */
  void addForeignVolume(String name) {
    volumes.put(name, new VolumeResource(Address.of(Address.Kind.VOLUME, name), name));
  }

  void createVolume(String deployment, VolumeResource volume) {
    String owner = volumeOwners.get(volume.name());
    if (owner != null && !owner.equals(deployment)) {
      throw fail("volume " + volume.name() + " already exists and belongs to " + owner);
    }
    volumes.put(volume.name(), volume);
    volumeOwners.put(volume.name(), deployment);
  }

  void removeVolume(String name, Collection<FakeContainer> containers) {
    if (containers.stream().anyMatch(c -> mounts(c, name))) {
      throw fail("volume " + name + " is in use by a container");
    }
    volumes.remove(name);
    volumeOwners.remove(name);
  }

  Optional<Map<String, String>> volumeLabels(String name) {
    String owner = volumeOwners.get(name);
    return volumes.containsKey(name)
        ? Optional.of(owner == null ? Map.of() : Map.of(Labels.DEPLOYMENT, owner))
        : Optional.empty();
  }

  static List<VolumeUser> volumeUsers(String name, Map<String, FakeContainer> containers) {
    List<VolumeUser> out = new ArrayList<>();
    containers.forEach(
        (n, c) -> {
          if (mounts(c, name)) {
            Map<String, String> labels =
                c.deployment == null ? Map.of() : Map.of(Labels.DEPLOYMENT, c.deployment);
            out.add(new VolumeUser(n, c.spec.image(), c.running, c.restartPolicy, labels));
          }
        });
    return out;
  }

  private static boolean mounts(FakeContainer c, String volume) {
    return c.spec.mounts().stream().anyMatch(m -> !m.bind() && m.source().equals(volume));
  }
}
