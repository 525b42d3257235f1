package dev.provision.driver.docker;

import com.fasterxml.jackson.databind.JsonNode;
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
  private final DockerListing listing;
  private final String endpoint;

  /**
   * @param listing the run's listing of the engine, which answers who mounts a volume it listed;
   *     null to ask the engine each time
   */
  NetworksAndVolumes(DockerConnection connection, DockerListing listing) {
    this.connection = connection;
    this.listing = listing;
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
            connection
                .client()
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
        "removing network " + name,
        endpoint,
        () -> connection.client().removeNetworkCmd(name).exec());
  }

  void createVolume(String deployment, VolumeResource volume, java.util.Map<String, String> extra) {
    if (alreadyOwned("/volumes/" + volume.name(), "volume", volume.name(), deployment)) {
      return;
    }
    DockerFailures.run(
        "creating volume " + volume.name(),
        endpoint,
        () ->
            connection
                .client()
                .createVolumeCmd()
                .withName(volume.name())
                .withLabels(withExtra(ContainerLabels.owned(deployment, volume.address()), extra))
                .exec());
  }

  void removeVolume(String name) {
    DockerFailures.ignoringMissing(
        "removing volume " + name,
        endpoint,
        () -> connection.client().removeVolumeCmd(name).exec());
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

  /**
   * Every container (any owner, running or not) that mounts the volume: a list, then the inspects
   * at once of those provision did not make (another writer is taken out and back as it was); one
   * provision made is read from the list, without its restart policy. Raw JSON, as the observation:
   * docker-java's models cost start-up on every plan.
   */
  java.util.List<VolumeUser> volumeUsers(String name) {
    String filter =
        java.net.URLEncoder.encode(
            "{\"volume\":[" + jsonString(name) + "]}", java.nio.charset.StandardCharsets.UTF_8);
    Iterable<JsonNode> users =
        listing == null
            ? null
            : listing.usersOf(name).map(list -> (Iterable<JsonNode>) list).orElse(null);
    if (users == null) {
      users =
          connection
              .getJson("/containers/json?all=true&filters=" + filter)
              .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }
    java.util.List<java.util.function.Supplier<Optional<JsonNode>>> inspects =
        new java.util.ArrayList<>();
    java.util.List<VolumeUser> out = new java.util.ArrayList<>();
    // A container removed between the list and the inspect is simply gone.
    users.forEach(
        c -> {
          if (c.path("Labels").hasNonNull(Labels.DEPLOYMENT)) {
            out.add(listed(c));
          } else {
            inspects.add(
                () -> connection.getJson("/containers/" + c.path("Id").asText() + "/json"));
          }
        });
    for (Optional<JsonNode> inspected : Concurrently.all(inspects)) {
      inspected.ifPresent(json -> out.add(user(json)));
    }
    return out;
  }

  /** A container provision made, as the container list shows it (no restart policy there). */
  private static VolumeUser listed(JsonNode c) {
    String name = c.path("Names").path(0).asText("");
    java.util.Map<String, String> labels = new java.util.HashMap<>();
    c.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return new VolumeUser(
        name.startsWith("/") ? name.substring(1) : name,
        c.path("Image").asText(""),
        c.path("State").asText("").equals("running"),
        null,
        labels);
  }

  private static VolumeUser user(JsonNode json) {
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
    return new VolumeUser(state.name(), state.image(), state.running(), restart, state.labels());
  }

  /** {@code text} as a JSON string literal. */
  private static String jsonString(String text) {
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
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
