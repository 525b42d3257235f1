package dev.provision.driver.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.provision.driver.Labels;
import dev.provision.model.Address;
import dev.provision.model.NetworkResource;
import dev.provision.model.VolumeResource;
import dev.provision.observe.ObservedResource;
import dev.provision.observe.ObservedState;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads what one deployment owns on a Docker engine: three list calls filtered by the label {@code
 * dev.provision.deployment=NAME} (networks, volumes, containers including stopped ones), then one
 * inspect per container. Nothing without that label is ever looked at.
 */
final class DockerObserver {
  private final DockerConnection connection;

  DockerObserver(DockerConnection connection) {
    this.connection = connection;
  }

  ObservedState observe(String deployment) {
    String endpoint = connection.endpoint().host().toString();
    List<String> filter = List.of(Labels.DEPLOYMENT + "=" + deployment);
    DockerClient client = connection.client();
    SortedMap<Address, ObservedResource> found = new TreeMap<>();

    List<Network> networks =
        DockerFailures.call(
            "listing networks",
            endpoint,
            () -> client.listNetworksCmd().withFilter("label", filter).exec());
    for (Network n : networks) {
      Address address = address(n.getLabels(), "network", n.getName());
      found.put(address, ObservedResource.of(new NetworkResource(address, n.getName())));
    }

    List<InspectVolumeResponse> volumes =
        DockerFailures.call(
            "listing volumes",
            endpoint,
            () -> client.listVolumesCmd().withFilter("label", filter).exec().getVolumes());
    for (InspectVolumeResponse v : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
      Address address = address(v.getLabels(), "volume", v.getName());
      found.put(address, ObservedResource.of(new VolumeResource(address, v.getName())));
    }

    List<Container> containers =
        DockerFailures.call(
            "listing containers",
            endpoint,
            () -> client.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec());
    for (Container c : containers) {
      // A container removed between the list and the inspect is simply gone.
      connection
          .getJson("/containers/" + c.getId() + "/json")
          .map(ContainerDecoder::decode)
          .ifPresent(o -> found.put(o.resource().address(), o));
    }
    return new ObservedState(deployment, found);
  }

  private static Address address(Map<String, String> labels, String kind, String name) {
    String text = labels == null ? null : labels.get(Labels.ADDRESS);
    if (text != null) {
      try {
        return Address.parse(text);
      } catch (IllegalArgumentException e) {
        // a hand-edited label: fall back to the object's name
      }
    }
    return Address.of(kind, name);
  }
}
