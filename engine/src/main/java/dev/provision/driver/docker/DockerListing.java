package dev.provision.driver.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.provision.driver.Labels;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What a read-only run of several deployments (plan, status, doctor) lists of a Docker engine for
 * all of them at once: every network, volume and container labelled as some deployment's, and every
 * container (anyone's) that mounts one of the run's own volumes; and what each image name resolves
 * to. Each deployment takes its own part and asks the engine only for the inspects of its own
 * containers; without this, each asked for the same lists filtered to itself, which for 20
 * deployments was 80 calls instead of 4. A lock is never read from here: each deployment inspects
 * its own, so an apply that starts during the run is seen.
 *
 * <p>A listing serves for {@link #MAX_AGE} at most, then the next deployment lists again; a
 * deployment whose listed containers are not all there when inspected (replaced meanwhile) is read
 * from its own lists instead ({@link DockerObserver}). A listing that fails is not used again:
 * every deployment then asks for its own lists, as without it, and meets the engine's error there.
 * Thread-safe.
 */
final class DockerListing {
  /** How long one listing serves the deployments that observe after it. */
  static final Duration MAX_AGE = Duration.ofSeconds(2);

  /** How many volume names one {@code volume} filter holds at most. */
  static final int NAMES_PER_CALL = 50;

  private final DockerConnection connection;
  private final Set<String> runVolumes;
  private final LongSupplier clock;
  private final Map<String, Asked> images = new ConcurrentHashMap<>();
  private Lists lists; // guarded by this
  private long taken; // guarded by this
  private boolean failed; // guarded by this

  /**
   * @param runVolumes the names of the volumes the run's specs name (filled in as they are read,
   *     before any deployment observes): the only ones whose users are listed
   */
  DockerListing(DockerConnection connection, Set<String> runVolumes) {
    this(connection, runVolumes, System::nanoTime);
  }

  DockerListing(DockerConnection connection, Set<String> runVolumes, LongSupplier clock) {
    this.connection = connection;
    this.runVolumes = runVolumes;
    this.clock = clock;
  }

  /**
   * The labelled networks, volumes and containers of {@code deployment}, as its own lists give;
   * empty when the engine could not be listed (the caller asks for its own lists).
   */
  Optional<Part> of(String deployment) {
    return lists()
        .map(
            all ->
                new Part(
                    all.networks.getOrDefault(deployment, List.of()),
                    all.volumes.getOrDefault(deployment, List.of()),
                    all.containers.getOrDefault(deployment, List.of())));
  }

  /**
   * The containers that mount the volume {@code name} (as the engine's {@code volume} filter
   * matches: the mount's name, or its source when it has none, or its mount point), as the engine's
   * own filtered list gives them; empty when the volume was not listed with its users (not one of
   * the run's, or one provision did not label): then the caller asks the engine.
   */
  Optional<List<JsonNode>> usersOf(String name) {
    Optional<Lists> all = lists();
    if (all.isEmpty() || all.get().users == null || !all.get().usersListed.contains(name)) {
      return Optional.empty();
    }
    List<JsonNode> users = new ArrayList<>();
    for (JsonNode c : all.get().users) {
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

  /** The inspect of image {@code name} ({@code ask}), asked at most once every {@link #MAX_AGE}. */
  Optional<JsonNode> image(String name, Supplier<Optional<JsonNode>> ask) {
    return images.computeIfAbsent(name, k -> new Asked()).get(ask, clock);
  }

  /** One deployment's part of the lists. */
  record Part(List<JsonNode> networks, List<JsonNode> volumes, List<JsonNode> containers) {}

  private synchronized Optional<Lists> lists() {
    if (failed) {
      return Optional.empty();
    }
    long now = clock.getAsLong();
    if (lists == null || now - taken > MAX_AGE.toNanos()) {
      try {
        lists = load();
        taken = now; // its age counts from before it was asked for
      } catch (RuntimeException e) {
        failed = true; // each deployment asks for its own lists, and meets the error there
        lists = null;
        return Optional.empty();
      }
    }
    return Optional.of(lists);
  }

  private Lists load() {
    String labelled = filter("label", List.of(Labels.DEPLOYMENT));
    List<JsonNode> found =
        Concurrently.all(
            List.of(
                () -> list("/networks?filters=" + labelled),
                () -> list("/volumes?filters=" + labelled).path("Volumes"),
                () -> list("/containers/json?all=true&filters=" + labelled)));
    // the users of the run's own volumes that are labelled (one provision did not label is asked
    // for on its own): a few calls of at most NAMES_PER_CALL names each
    Set<String> usersListed = new TreeSet<>();
    found.get(1).forEach(v -> usersListed.add(v.path("Name").asText()));
    usersListed.retainAll(Set.copyOf(runVolumes));
    List<JsonNode> users = new ArrayList<>();
    try {
      List<String> names = new ArrayList<>(usersListed);
      for (int i = 0; i < names.size(); i += NAMES_PER_CALL) {
        List<String> some = names.subList(i, Math.min(names.size(), i + NAMES_PER_CALL));
        list("/containers/json?all=true&filters=" + filter("volume", some)).forEach(users::add);
      }
    } catch (RuntimeException e) {
      users = null; // each deployment asks who mounts its volumes, and meets the error there
    }
    return new Lists(
        byDeployment(found.get(0)),
        byDeployment(found.get(1)),
        byDeployment(found.get(2)),
        usersListed,
        users);
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
  private static String filter(String kind, Collection<String> values) {
    String json =
        values.stream()
            .map(v -> TextNode.valueOf(v).toString())
            .collect(Collectors.joining(",", "{\"" + kind + "\":[", "]}"));
    return URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  /**
   * One image's inspect, asked by the first deployment that needs it and again once it is older
   * than {@link #MAX_AGE} (an image pulled meanwhile); a failure is not kept.
   */
  private static final class Asked {
    private Optional<JsonNode> answer;
    private long asked;

    synchronized Optional<JsonNode> get(Supplier<Optional<JsonNode>> ask, LongSupplier clock) {
      long now = clock.getAsLong();
      if (answer == null || now - asked > MAX_AGE.toNanos()) {
        answer = ask.get();
        asked = now;
      }
      return answer;
    }
  }

  /**
   * @param usersListed the volumes whose users were listed
   * @param users who mounts them, or null when that list failed
   */
  private record Lists(
      Map<String, List<JsonNode>> networks,
      Map<String, List<JsonNode>> volumes,
      Map<String, List<JsonNode>> containers,
      Set<String> usersListed,
      List<JsonNode> users) {}
}
