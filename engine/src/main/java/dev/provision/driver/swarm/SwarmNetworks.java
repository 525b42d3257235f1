package dev.provision.driver.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.Labels;
import dev.provision.driver.docker.ContainerLabels;
import dev.provision.model.NetworkResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A deployment's network on a swarm: an attachable overlay network (services on every node join it,
 * and a helper container on the manager may), labelled as provision's.
 */
final class SwarmNetworks {
  private SwarmNetworks() {}

  /** Creates the network; no change when the deployment's exists, refused when another's does. */
  static void create(
      SwarmApi api, String deployment, NetworkResource network, Map<String, String> extra) {
    Map<String, String> labels = new TreeMap<>(extra);
    labels.putAll(ContainerLabels.owned(deployment, network.address()));
    Optional<JsonNode> existing = api.get("/networks/" + SwarmApi.encode(network.name()));
    if (existing.isPresent()) {
      if (deployment.equals(existing.get().path("Labels").path(Labels.DEPLOYMENT).asText())) {
        return;
      }
      throw ProvisionException.of(
          "network "
              + network.name()
              + " exists on the swarm and is not deployment "
              + deployment
              + "'s",
          "remove or rename it, or choose another deployment name");
    }
    ObjectNode body =
        SwarmApi.JSON
            .createObjectNode()
            .put("Name", network.name())
            .put("Driver", "overlay")
            .put("Attachable", true)
            .put("CheckDuplicate", true);
    body.set("Labels", SwarmApi.labelsNode(labels));
    api.send("creating network " + network.name(), "POST", "/networks/create", body, List.of());
  }

  /**
   * Removes the network; no change when it is gone already. Helper services on it ({@link
   * SwarmLabels#HELPER}) go first: one a killed run left would keep it in use for the 20 minutes
   * until it is swept, and a helper has nothing to stand beside once the deployment's services are
   * gone.
   */
  static void remove(SwarmApi api, String name) {
    Optional<JsonNode> network = api.get("/networks/" + SwarmApi.encode(name));
    if (network.isEmpty()) {
      return;
    }
    String id = network.get().path("Id").asText();
    for (JsonNode s : api.list("/services?" + SwarmApi.filter("label", SwarmLabels.HELPER))) {
      for (JsonNode n : s.path("Spec").path("TaskTemplate").path("Networks")) {
        String target = n.path("Target").asText();
        if (target.equals(id) || target.equals(name)) {
          api.exchange("DELETE", "/services/" + s.path("ID").asText(), null);
          break;
        }
      }
    }
    var answer = api.exchange("DELETE", "/networks/" + SwarmApi.encode(name), null);
    if (answer.status() != 404) {
      api.check("removing network " + name, answer, List.of());
    }
  }
}
