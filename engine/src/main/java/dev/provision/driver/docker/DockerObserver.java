package dev.provision.driver.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.provision.driver.Labels;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.NetworkResource;
import dev.provision.model.VolumeResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads what one deployment owns on a Docker engine: three list calls filtered by the label {@code
 * dev.provision.deployment=NAME} (networks, volumes, containers including stopped ones), then one
 * inspect per container, read against what the host really holds ({@link HostFacts}: every network,
 * the image id each image name resolves to). Labels only say what provision made.
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
      Address address = address(n.getLabels(), Address.Kind.NETWORK, n.getName());
      found.put(address, ObservedResource.of(new NetworkResource(address, n.getName())));
    }

    List<InspectVolumeResponse> volumes =
        DockerFailures.call(
            "listing volumes",
            endpoint,
            () -> client.listVolumesCmd().withFilter("label", filter).exec().getVolumes());
    for (InspectVolumeResponse v : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
      Address address = address(v.getLabels(), Address.Kind.VOLUME, v.getName());
      found.put(address, ObservedResource.of(new VolumeResource(address, v.getName())));
    }

    List<Container> containers =
        DockerFailures.call(
            "listing containers",
            endpoint,
            () -> client.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec());
    List<JsonNode> inspected = new ArrayList<>();
    for (Container c : containers) {
      // A container removed between the list and the inspect is simply gone.
      connection.getJson("/containers/" + c.getId() + "/json").ifPresent(inspected::add);
    }
    if (!inspected.isEmpty()) {
      HostFacts facts = facts(client, endpoint, inspected);
      for (JsonNode json : inspected) {
        ObservedResource o = ContainerDecoder.decode(json, facts);
        found.put(o.resource().address(), o);
      }
    }
    return new ObservedState(deployment, found);
  }

  /**
   * Every network on the host (ids and names: one list call) and the id each container's image name
   * resolves to now (one inspect per distinct name), so containers are read as they really are.
   */
  private HostFacts facts(DockerClient client, String endpoint, List<JsonNode> containers) {
    Set<String> networks = new HashSet<>();
    for (Network n :
        DockerFailures.call("listing networks", endpoint, () -> client.listNetworksCmd().exec())) {
      networks.add(n.getId());
      networks.add(n.getName());
    }
    Map<String, String> imageIds = new HashMap<>();
    for (JsonNode c : containers) {
      String image = c.path("Config").path("Image").asText("");
      if (!image.isEmpty() && !imageIds.containsKey(image)) {
        connection
            .getJson("/images/" + image + "/json")
            .map(json -> json.path("Id").asText(""))
            .filter(id -> !id.isEmpty())
            .ifPresent(id -> imageIds.put(image, id));
      }
    }
    return new HostFacts(networks, imageIds);
  }

  private static Address address(Map<String, String> labels, Address.Kind kind, String name) {
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
