package dev.provision.driver.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.provision.driver.Labels;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.NetworkResource;
import dev.provision.model.VolumeResource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Reads what one deployment owns on a Docker engine: three list calls filtered by the label {@code
 * dev.provision.deployment=NAME} (networks, volumes, containers including stopped ones), then one
 * inspect per container, read against what the host really holds ({@link HostFacts}: which of the
 * networks they name exist, the image id each image name resolves to). Labels only say what
 * provision made.
 */
final class DockerObserver {
  private final DockerConnection connection;
  private final DockerListing listing;

  /**
   * @param listing the run's listing of the engine to take the three lists from, or null to ask the
   *     engine for them
   */
  DockerObserver(DockerConnection connection, DockerListing listing) {
    this.connection = connection;
    this.listing = listing;
  }

  ObservedState observe(String deployment) {
    if (listing != null) {
      Optional<DockerListing.Part> part = listing.of(deployment);
      if (part.isPresent()) {
        DockerListing.Part p = part.get();
        Optional<ObservedState> seen =
            observe(deployment, List.of(p.networks(), p.volumes(), p.containers()), true);
        if (seen.isPresent()) {
          return seen.get();
        }
        // a listed container is gone (replaced since the listing): read this one afresh
      }
    }
    return observe(deployment, ownLists(deployment), false).orElseThrow();
  }

  /**
   * The observation from the deployment's three lists; with {@code whole}, empty when a listed
   * container is gone by its inspect (the lists are older than this observation).
   */
  private Optional<ObservedState> observe(
      String deployment, List<? extends Iterable<JsonNode>> lists, boolean whole) {
    // one round-trip for the three lists (none with the run's listing), one for the inspects, one
    // for the images and networks they name; raw JSON, as the inspects: docker-java's models cost
    // start-up and are not needed
    SortedMap<Address, ObservedResource> found = new TreeMap<>();
    Set<String> listedNetworks = new HashSet<>();
    for (JsonNode n : lists.get(0)) {
      String name = n.path("Name").asText();
      listedNetworks.add(n.path("Id").asText());
      listedNetworks.add(name);
      Address address = address(n.path("Labels"), Address.Kind.NETWORK, name);
      found.put(address, ObservedResource.of(new NetworkResource(address, name)));
    }
    for (JsonNode v : lists.get(1)) {
      String name = v.path("Name").asText();
      Address address = address(v.path("Labels"), Address.Kind.VOLUME, name);
      found.put(address, ObservedResource.of(new VolumeResource(address, name)));
    }
    List<Supplier<Optional<JsonNode>>> inspects = new ArrayList<>();
    for (JsonNode c : lists.get(2)) {
      inspects.add(() -> connection.getJson("/containers/" + c.path("Id").asText() + "/json"));
    }
    List<Optional<JsonNode>> answers = Concurrently.all(inspects);
    if (whole && answers.stream().anyMatch(Optional::isEmpty)) {
      return Optional.empty();
    }
    // on the deployment's own lists, a container removed between the list and the inspect is
    // simply gone
    List<JsonNode> inspected = answers.stream().flatMap(Optional::stream).toList();
    if (!inspected.isEmpty()) {
      HostFacts facts = facts(inspected, listedNetworks);
      for (JsonNode json : inspected) {
        ObservedResource o = ContainerDecoder.decode(json, facts);
        found.put(o.resource().address(), o);
      }
    }
    return Optional.of(new ObservedState(deployment, found));
  }

  /** The deployment's networks, volumes and containers (stopped ones too), by its label. */
  private List<JsonNode> ownLists(String deployment) {
    String filter =
        URLEncoder.encode(
            "{\"label\":[\"" + Labels.DEPLOYMENT + "=" + deployment + "\"]}",
            StandardCharsets.UTF_8);
    return Concurrently.all(
        List.of(
            () -> list("/networks?filters=" + filter),
            () -> list("/volumes?filters=" + filter).path("Volumes"),
            () -> list("/containers/json?all=true&filters=" + filter)));
  }

  /** The inspect of image {@code name}: asked once per run with the run's listing. */
  private Optional<JsonNode> image(String name) {
    Supplier<Optional<JsonNode>> ask = () -> connection.getJson("/images/" + name + "/json");
    return listing == null ? ask.get() : listing.image(name, ask);
  }

  /** A list call's answer (an empty list when the engine has no such list). */
  private JsonNode list(String path) {
    return connection.getJson(path).orElse(MissingNode.getInstance());
  }

  /**
   * Which of the networks the containers name exist (by id and by name), and the id each
   * container's image name resolves to now, so containers are read as they really are: one inspect
   * per distinct image name and one list per kind of network reference, all at once. The lists ask
   * for the named networks only, so a plan's cost does not grow with every network on the host; and
   * only for those not in {@code listed} (the deployment's own networks, just listed by label): a
   * converged deployment's containers name only those, so it asks for none.
   */
  private HostFacts facts(List<JsonNode> containers, Set<String> listed) {
    List<String> images =
        containers.stream()
            .map(c -> c.path("Config").path("Image").asText(""))
            .filter(i -> !i.isEmpty())
            .distinct()
            .toList();
    NetworkQuery named = NetworkQuery.of(containers).without(listed);
    List<Supplier<Optional<JsonNode>>> calls = new ArrayList<>();
    images.forEach(image -> calls.add(() -> image(image)));
    named.paths().forEach(path -> calls.add(() -> connection.getJson(path)));
    List<Optional<JsonNode>> answers = Concurrently.all(calls);
    Map<String, String> imageIds = new HashMap<>();
    for (int i = 0; i < images.size(); i++) {
      String image = images.get(i);
      answers
          .get(i)
          .map(json -> json.path("Id").asText(""))
          .filter(id -> !id.isEmpty())
          .ifPresent(id -> imageIds.put(image, id));
    }
    Set<String> networks = new HashSet<>(listed);
    for (Optional<JsonNode> list : answers.subList(images.size(), answers.size())) {
      list.ifPresent(
          found ->
              found.forEach(
                  n -> {
                    networks.add(n.path("Id").asText());
                    networks.add(n.path("Name").asText());
                  }));
    }
    return new HostFacts(networks, imageIds);
  }

  private static Address address(JsonNode labels, Address.Kind kind, String name) {
    String text = labels.hasNonNull(Labels.ADDRESS) ? labels.get(Labels.ADDRESS).asText() : null;
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
