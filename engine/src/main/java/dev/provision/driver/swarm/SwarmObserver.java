package dev.provision.driver.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.driver.Labels;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.NetworkResource;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads what one deployment owns on a swarm, by provision's labels: its overlay networks, its
 * services (each with its tasks) and its volumes ({@link SwarmVolumes#observe}), as the same {@link
 * ObservedState} the Docker driver returns.
 */
final class SwarmObserver {
  private final SwarmApi api;
  private final SwarmServices services;
  private final SwarmVolumes volumes;
  private final SwarmNodes nodes;

  SwarmObserver(SwarmApi api, SwarmServices services, SwarmVolumes volumes, SwarmNodes nodes) {
    this.api = api;
    this.services = services;
    this.volumes = volumes;
    this.nodes = nodes;
  }

  ObservedState observe(String deployment) {
    String filter = SwarmApi.filter("label", Labels.DEPLOYMENT + "=" + deployment);
    SortedMap<Address, ObservedResource> found = new TreeMap<>();
    for (JsonNode n : api.list("/networks?" + filter)) {
      String name = n.path("Name").asText();
      Address address = address(SwarmApi.labels(n.path("Labels")), Address.Kind.NETWORK, name);
      found.put(address, ObservedResource.of(new NetworkResource(address, name)));
    }
    List<JsonNode> owned = api.list("/services?" + filter);
    volumes
        .observe(deployment, owned)
        .values()
        .forEach(v -> found.put(v.address(), ObservedResource.of(v)));
    if (!owned.isEmpty()) {
      Map<String, String> networkNames = new TreeMap<>();
      for (JsonNode n : api.list("/networks")) {
        networkNames.put(n.path("Id").asText(), n.path("Name").asText());
      }
      Map<String, String> nodeNames = nodes.names();
      for (JsonNode service : owned) {
        ObservedResource o =
            ServiceDecoder.decode(
                service,
                services.tasks(service),
                networkNames,
                nodeNames,
                (target, source, secret) -> SwarmFiles.changed(deployment, target, source, secret));
        found.put(o.resource().address(), o);
      }
    }
    return new ObservedState(deployment, found);
  }

  /** The labelled address, else one made of {@code kind} and the object's name. */
  static Address address(Map<String, String> labels, Address.Kind kind, String name) {
    String text = labels.get(Labels.ADDRESS);
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
