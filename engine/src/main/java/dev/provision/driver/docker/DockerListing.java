package dev.provision.driver.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.provision.driver.Labels;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What a read-only run of several deployments (plan, status, doctor) lists once per Docker engine,
 * for all of them: every network, volume and container labelled as some deployment's, and every
 * container (anyone's) that mounts one of those volumes. Each deployment then takes its own part
 * and asks the engine only for the inspects of its own containers; without this, each asked for the
 * same four lists filtered to itself, which for 20 deployments was 80 calls instead of 4.
 *
 * <p>Listed by the first deployment that observes, and kept for the run: what changes on the engine
 * while the run goes on shows in the next run, as anything that changes after a plan has read it. A
 * container listed here but gone when inspected is simply gone. A failed listing is not kept: the
 * next deployment lists again. Thread-safe.
 */
final class DockerListing {
  private final DockerConnection connection;
  private final Map<String, Optional<JsonNode>> images = new ConcurrentHashMap<>();
  private Lists lists; // guarded by this

  DockerListing(DockerConnection connection) {
    this.connection = connection;
  }

  /** The labelled networks, volumes and containers of {@code deployment}, as its own lists give. */
  Part of(String deployment) {
    Lists all = lists();
    return new Part(
        all.networks.getOrDefault(deployment, List.of()),
        all.volumes.getOrDefault(deployment, List.of()),
        all.containers.getOrDefault(deployment, List.of()));
  }

  /**
   * The containers that mount the volume {@code name} (as the engine's {@code volume} filter
   * matches: the mount's name, or its source when it has none, or its mount point), as the engine's
   * own filtered list gives them; empty when the volume is not one of the listed ones (one that
   * provision did not label): then the caller asks the engine.
   */
  Optional<List<JsonNode>> usersOf(String name) {
    Lists all = lists();
    if (!all.volumeNames.contains(name)) {
      return Optional.empty();
    }
    List<JsonNode> users = new ArrayList<>();
    for (JsonNode c : all.users) {
      for (JsonNode m : c.path("Mounts")) {
        String mounted = m.path("Name").asText("");
        if (name.equals(mounted.isEmpty() ? m.path("Source").asText(null) : mounted)
            || name.equals(m.path("Destination").asText(null))) {
          users.add(c);
          break;
        }
      }
    }
    return Optional.of(users);
  }

  /**
   * Whether a lock container named {@code name} may exist: false when none of that name was listed
   * (then its inspect is not needed).
   */
  boolean mayHoldLock(String name) {
    return lists().locks.contains("/" + name);
  }

  /** The inspect of image {@code name} ({@code ask}), asked once for the run. */
  Optional<JsonNode> image(String name, Supplier<Optional<JsonNode>> ask) {
    Optional<JsonNode> known = images.get(name);
    if (known == null) {
      known = ask.get();
      images.putIfAbsent(name, known);
    }
    return known;
  }

  /** One deployment's part of the lists. */
  record Part(List<JsonNode> networks, List<JsonNode> volumes, List<JsonNode> containers) {}

  private synchronized Lists lists() {
    if (lists == null) {
      lists = load();
    }
    return lists;
  }

  private Lists load() {
    String labelled = filter("label", List.of(Labels.DEPLOYMENT));
    List<JsonNode> found =
        Concurrently.all(
            List.of(
                () -> list("/networks?filters=" + labelled),
                () -> list("/volumes?filters=" + labelled).path("Volumes"),
                () -> list("/containers/json?all=true&filters=" + labelled),
                () ->
                    list(
                        "/containers/json?all=true&filters="
                            + filter("label", List.of(Labels.LOCK)))));
    Set<String> locks = new HashSet<>();
    found.get(3).forEach(c -> c.path("Names").forEach(n -> locks.add(n.asText())));
    Set<String> volumeNames = new LinkedHashSet<>();
    found.get(1).forEach(v -> volumeNames.add(v.path("Name").asText()));
    List<JsonNode> users = new ArrayList<>();
    if (!volumeNames.isEmpty()) {
      list("/containers/json?all=true&filters=" + filter("volume", volumeNames))
          .forEach(users::add);
    }
    return new Lists(
        byDeployment(found.get(0)),
        byDeployment(found.get(1)),
        byDeployment(found.get(2)),
        volumeNames,
        users,
        locks);
  }

  private JsonNode list(String path) {
    return connection.getJson(path).orElse(MissingNode.getInstance());
  }

  private static Map<String, List<JsonNode>> byDeployment(JsonNode list) {
    Map<String, List<JsonNode>> out = new HashMap<>();
    for (JsonNode each : list) {
      JsonNode owner = each.path("Labels").path(Labels.DEPLOYMENT);
      if (owner.isTextual()) {
        out.computeIfAbsent(owner.asText(), k -> new ArrayList<>()).add(each);
      }
    }
    return out;
  }

  /** A {@code filters} query value: {@code kind} matching any of {@code values} exactly. */
  private static String filter(String kind, java.util.Collection<String> values) {
    String json =
        values.stream()
            .map(v -> TextNode.valueOf(v).toString())
            .collect(Collectors.joining(",", "{\"" + kind + "\":[", "]}"));
    return URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  private record Lists(
      Map<String, List<JsonNode>> networks,
      Map<String, List<JsonNode>> volumes,
      Map<String, List<JsonNode>> containers,
      Set<String> volumeNames,
      List<JsonNode> users,
      Set<String> locks) {}
}
