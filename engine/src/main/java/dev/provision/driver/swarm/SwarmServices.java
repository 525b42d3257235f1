package dev.provision.driver.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.docker.DockerConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A "container" as a one-replica service: found by the name provision knows it by ({@link
 * SwarmLabels#NAME}), scaled between 0 and 1 and waited for, renamed by moving that label, and
 * removed once its task has stopped.
 */
final class SwarmServices {
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration START_WAIT = Duration.ofSeconds(120);
  private static final Duration STOP_MARGIN = Duration.ofSeconds(30);

  private final SwarmApi api;
  private final SwarmNodes nodes;

  SwarmServices(SwarmApi api, SwarmNodes nodes) {
    this.api = api;
    this.nodes = nodes;
  }

  /**
   * The service provision knows as {@code name}: the one labelled so, else one of that Swarm name
   * without such a label (made outside provision).
   */
  Optional<JsonNode> find(String name) {
    List<JsonNode> labelled =
        api.list("/services?" + SwarmApi.filter("label", SwarmLabels.NAME + "=" + name));
    if (!labelled.isEmpty()) {
      return Optional.of(labelled.get(0));
    }
    return api.get("/services/" + SwarmApi.encode(name))
        .filter(s -> s.path("Spec").path("Name").asText().equals(name))
        .filter(s -> !s.path("Spec").path("Labels").has(SwarmLabels.NAME));
  }

  JsonNode require(String name, String doing) {
    return find(name)
        .orElseThrow(
            () ->
                ProvisionException.of(
                    doing + " " + name + ": no such service on the swarm",
                    "the target changed since the plan was made: run plan again"));
  }

  /**
   * The service's tasks, without those on nodes the manager does not see ready ({@link
   * TaskStates#onReadyNodes}): a task on a node that went down does not run as far as provision can
   * tell.
   */
  List<JsonNode> tasks(JsonNode service) {
    List<JsonNode> all =
        api.list("/tasks?" + SwarmApi.filter("service", service.path("ID").asText()));
    return all.isEmpty() ? all : TaskStates.onReadyNodes(all, nodes.notReady());
  }

  /** Refuses when a service known by {@code name} exists: the target changed since the plan. */
  void requireFree(String name) {
    if (find(name).isPresent()) {
      throw ProvisionException.of(
          "cannot create service " + name + ": one by that name exists on the swarm",
          "the target changed since the plan was made: run plan again");
    }
  }

  /**
   * Creates the service for {@code spec} under a free Swarm name, known by {@code name}; its
   * sensitive env values are masked in any error.
   */
  void create(
      String deployment,
      dev.provision.model.ContainerResource spec,
      String name,
      String configHash,
      java.util.Map<String, String> extraLabels,
      java.util.Map<String, java.util.Map<String, String>> volumeLabels,
      java.util.Map<String, SwarmFiles.Ref> files) {
    requireFree(name);
    ObjectNode service =
        ServiceSpecs.of(
            deployment,
            spec,
            freeSwarmName(name),
            name,
            configHash,
            extraLabels,
            volumeLabels,
            files);
    List<String> secrets =
        spec.env().values().stream()
            .filter(dev.provision.model.Value::sensitive)
            .map(dev.provision.model.Value::text)
            .toList();
    create(name, service, secrets);
  }

  /** A Swarm name for a new service: {@code name} when free, else {@code name-XXXXXX}. */
  String freeSwarmName(String name) {
    if (api.get("/services/" + SwarmApi.encode(name)).isEmpty()) {
      return name;
    }
    return name + "-" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 6);
  }

  void create(String name, ObjectNode spec, List<String> secrets) {
    api.send("creating service " + name, "POST", "/services/create", spec, secrets);
  }

  /**
   * Changes the service's spec with {@code change} (which answers false when there is nothing to
   * change), sent against the version read. Swarm bumps a new service's version on its own (its
   * endpoint is allocated after the create), so a refused update is retried a few times on a fresh
   * read; every change here is idempotent.
   */
  private void change(
      JsonNode service, String doing, java.util.function.Predicate<ObjectNode> change) {
    String id = service.path("ID").asText();
    JsonNode current = service;
    for (int attempt = 1; ; attempt++) {
      ObjectNode spec = current.path("Spec").deepCopy();
      if (!change.test(spec)) {
        return;
      }
      DockerConnection.Answer answer =
          api.exchange(
              "POST",
              "/services/"
                  + id
                  + "/update?version="
                  + current.path("Version").path("Index").asLong(),
              spec);
      if (answer.ok() || attempt == 5) {
        api.check(doing, answer, List.of());
        return;
      }
      pause();
      current = api.get("/services/" + id).orElse(current);
    }
  }

  /** Sets the replica count (no change when it is so already). */
  void scale(JsonNode service, int replicas) {
    change(
        service,
        "scaling service " + ServiceDecoder.name(service) + " to " + replicas,
        spec -> {
          ObjectNode mode = (ObjectNode) spec.path("Mode").path("Replicated");
          if (mode.path("Replicas").asInt(-1) == replicas) {
            return false;
          }
          mode.put("Replicas", replicas);
          return true;
        });
  }

  /** Sets one label on the service only (its tasks keep running: their template is unchanged). */
  void label(JsonNode service, String key, String value) {
    change(
        service,
        "labelling service " + ServiceDecoder.name(service),
        spec -> {
          if (value.equals(spec.path("Labels").path(key).asText(null))) {
            return false;
          }
          JsonNode labels = spec.path("Labels");
          (labels.isObject() ? (ObjectNode) labels : spec.putObject("Labels")).put(key, value);
          return true;
        });
  }

  /**
   * Waits until a task of {@code name} runs, or its newest task failed (then the caller's
   * inspection reports the error), or two minutes passed (then fails with Swarm's reason, such as
   * no node satisfying the placement). A task that failed only because its node is still rejoining
   * the overlay network ({@link TaskStates#failedWhileRejoining}) is not the service failing: Swarm
   * places the next one (its restart delay later), and the wait goes on for it.
   */
  void awaitStarted(String name) {
    Instant deadline = Instant.now().plus(START_WAIT);
    Set<String> failed = Set.of("failed", "rejected");
    while (true) {
      JsonNode service = require(name, "waiting for");
      List<JsonNode> tasks = tasks(service);
      if (TaskStates.running(tasks).isPresent()) {
        return;
      }
      List<JsonNode> newest = TaskStates.newestFirst(tasks);
      if (!newest.isEmpty()
          && failed.contains(TaskStates.state(newest.get(0)))
          && !TaskStates.failedWhileRejoining(newest.get(0))) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw ProvisionException.of(
            "service "
                + name
                + " did not start within "
                + START_WAIT.toSeconds()
                + "s"
                + TaskStates.lastError(tasks).map(e -> ": " + e).orElse(""),
            "see docker service ps " + service.path("Spec").path("Name").asText());
      }
      pause();
    }
  }

  /**
   * Waits until every task of the service has finished ({@link TaskStates#active}), up to its stop
   * timeout and a margin: not only the running one. Right after a node rejoins, Swarm may be
   * starting a task of the service there (its container being prepared, not yet running); a
   * replacement started before that one is gone would find its host port taken, or two containers
   * on one volume.
   */
  void awaitStopped(String name, int timeoutSeconds) {
    awaitNoTask(name, Duration.ofSeconds(timeoutSeconds).plus(STOP_MARGIN));
  }

  private void awaitNoTask(String name, Duration wait) {
    Instant deadline = Instant.now().plus(wait);
    while (true) {
      Optional<JsonNode> service = find(name);
      if (service.isEmpty() || tasks(service.get()).stream().noneMatch(TaskStates::active)) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw ProvisionException.of(
            "service "
                + name
                + " still has a task that has not finished "
                + wait.toSeconds()
                + "s after scaling to 0",
            "see docker service ps on the manager; the node may be unreachable");
      }
      pause();
    }
  }

  void remove(JsonNode service) {
    DockerConnection.Answer answer =
        api.exchange("DELETE", "/services/" + service.path("ID").asText(), null);
    if (answer.status() != 404) {
      api.check("removing service " + ServiceDecoder.name(service), answer, List.of());
    }
  }

  /** One poll interval; an interrupt ends the wait with a ProvisionException. */
  static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProvisionException.of(
          "interrupted while waiting for the swarm", "run the command again");
    }
  }
}
