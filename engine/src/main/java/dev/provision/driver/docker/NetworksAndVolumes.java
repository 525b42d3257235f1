package dev.provision.driver.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.Labels;
import dev.provision.driver.VolumeUser;
import dev.provision.model.NetworkResource;
import dev.provision.model.VolumeResource;
import java.util.Optional;

/**
 * Creates and removes a deployment's networks (bridge) and volumes, labelled as its own. Creating
 * what already exists and belongs to the same deployment is a no-op; creating over someone else's
 * object is an error; removing what does not exist is a no-op.
 */
final class NetworksAndVolumes {
  private final DockerConnection connection;
  private final DockerClient client;
  private final String endpoint;

  NetworksAndVolumes(DockerConnection connection) {
    this.connection = connection;
    this.client = connection.client();
    this.endpoint = connection.endpoint().host().toString();
  }

  void createNetwork(
      String deployment, NetworkResource network, java.util.Map<String, String> extra) {
    if (alreadyOwned("/networks/" + network.name(), "network", network.name(), deployment)) {
      return;
    }
    DockerFailures.run(
        "creating network " + network.name(),
        endpoint,
        () ->
            client
                .createNetworkCmd()
                .withName(network.name())
                .withDriver("bridge")
                .withCheckDuplicate(true)
                .withLabels(withExtra(ContainerLabels.owned(deployment, network.address()), extra))
                .exec());
  }

  private static java.util.Map<String, String> withExtra(
      java.util.SortedMap<String, String> owned, java.util.Map<String, String> extra) {
    java.util.SortedMap<String, String> labels = new java.util.TreeMap<>(extra);
    labels.putAll(owned);
    return labels;
  }

  void removeNetwork(String name) {
    DockerFailures.ignoringMissing(
        "removing network " + name, endpoint, () -> client.removeNetworkCmd(name).exec());
  }

  void createVolume(String deployment, VolumeResource volume, java.util.Map<String, String> extra) {
    if (alreadyOwned("/volumes/" + volume.name(), "volume", volume.name(), deployment)) {
      return;
    }
    DockerFailures.run(
        "creating volume " + volume.name(),
        endpoint,
        () ->
            client
                .createVolumeCmd()
                .withName(volume.name())
                .withLabels(withExtra(ContainerLabels.owned(deployment, volume.address()), extra))
                .exec());
  }

  void removeVolume(String name) {
    DockerFailures.ignoringMissing(
        "removing volume " + name, endpoint, () -> client.removeVolumeCmd(name).exec());
  }

  Optional<java.util.Map<String, String>> volumeLabels(String name) {
    return connection
        .getJson("/volumes/" + name)
        .map(
            json -> {
              java.util.Map<String, String> labels = new java.util.TreeMap<>();
              json.path("Labels")
                  .properties()
                  .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
              return labels;
            });
  }

  /** Every container (any owner, running or not) that mounts the volume: a list, then inspects. */
  java.util.List<VolumeUser> volumeUsers(String name) {
    java.util.List<VolumeUser> out = new java.util.ArrayList<>();
    java.util.List<com.github.dockerjava.api.model.Container> users =
        DockerFailures.call(
            "listing containers that use volume " + name,
            endpoint,
            () ->
                client
                    .listContainersCmd()
                    .withShowAll(true)
                    .withVolumeFilter(java.util.List.of(name))
                    .exec());
    for (com.github.dockerjava.api.model.Container c : users) {
      connection
          .getJson("/containers/" + c.getId() + "/json")
          .ifPresent(
              json -> {
                dev.provision.driver.ContainerState state = ContainerDecoder.state(json);
                JsonNode policy = json.path("HostConfig").path("RestartPolicy");
                String policyName = policy.path("Name").asText("");
                int retries = policy.path("MaximumRetryCount").asInt(0);
                String restart =
                    policyName.isEmpty()
                        ? "no"
                        : policyName.equals("on-failure") && retries > 0
                            ? policyName + ":" + retries
                            : policyName;
                out.add(
                    new VolumeUser(
                        state.name(), state.image(), state.running(), restart, state.labels()));
              });
    }
    return out;
  }

  /** True when the object exists and is this deployment's; an error when someone else owns it. */
  private boolean alreadyOwned(String path, String kind, String name, String deployment) {
    Optional<JsonNode> existing = connection.getJson(path);
    if (existing.isEmpty()) {
      return false;
    }
    String owner = existing.get().path("Labels").path(Labels.DEPLOYMENT).asText(null);
    if (!deployment.equals(owner)) {
      String whose = owner == null ? "not owned by provision" : "owned by deployment " + owner;
      if (owner == null && kind.equals("volume")) {
        throw ProvisionException.of(
            "volume " + name + " already exists on Docker " + endpoint + " and is " + whose,
            "run plan again: provision adopts a volume named in the spec and keeps its data");
      }
      throw ProvisionException.of(
          kind + " " + name + " already exists on Docker " + endpoint + " and is " + whose,
          "choose another deployment name, or remove the "
              + kind
              + " (docker "
              + kind
              + " rm "
              + name
              + ") if nothing needs it");
    }
    return true;
  }
}
