package dev.provision.driver.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.Labels;
import dev.provision.driver.docker.DockerConnection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The swarm's nodes as the driver needs them: the manager it talks to (checked to be one), the node
 * that holds the deployment's data (the manager unless a node is named), the node label that pins
 * stateful services there ({@link SwarmLabels#nodeLabel}, on that node only), and node addresses.
 */
final class SwarmNodes {
  private final SwarmApi api;
  private final String managerId;
  private final String dataNodeId;

  private SwarmNodes(SwarmApi api, String managerId, String dataNodeId) {
    this.api = api;
    this.managerId = managerId;
    this.dataNodeId = dataNodeId;
  }

  /**
   * Checks that the engine is an active swarm manager and finds the data node.
   *
   * @param node a node's id or host name, null for the manager itself
   */
  static SwarmNodes open(SwarmApi api, String node) {
    JsonNode swarm = api.info().path("Swarm");
    if (!"active".equals(swarm.path("LocalNodeState").asText())
        || !swarm.path("ControlAvailable").asBoolean(false)) {
      throw new ProvisionException(
          Diagnostic.error(null, null, "the engine at " + api.endpoint() + " is no swarm manager")
              .withFound("swarm state " + swarm.path("LocalNodeState").asText("unknown"))
              .withHint(
                  "point target.swarm at a manager (docker node ls works there), or make this"
                      + " engine one with docker swarm init"));
    }
    String manager = swarm.path("NodeID").asText();
    if (node == null || node.isBlank()) {
      return new SwarmNodes(api, manager, manager);
    }
    Map<String, String> names = new TreeMap<>();
    for (JsonNode n : api.list("/nodes")) {
      String id = n.path("ID").asText();
      String host = n.path("Description").path("Hostname").asText();
      if (node.equals(id) || node.equals(host)) {
        return new SwarmNodes(api, manager, id);
      }
      names.put(host, id);
    }
    throw new ProvisionException(
        Diagnostic.error(null, NODE_KEY, "the swarm has no node `" + node + "`")
            .withExpected("one of " + String.join(", ", names.keySet()))
            .withHint(
                "set `"
                    + NODE_KEY
                    + "` to a node's host name or id as docker node ls shows it, or remove it to"
                    + " keep the data on the manager"));
  }

  /** The spec key that names the data node, for messages. */
  static final String NODE_KEY = "target.swarm.node";

  /**
   * Refuses when the data node cannot run the deployment's stateful services now (not Ready, or not
   * Active), with the plan's error ({@link #dataNodeProblem}): checked before apply takes the lock,
   * so nothing on the swarm is touched, rather than leaving a pinned service pending with no node
   * to run it.
   */
  void requireDataNodeReady() {
    dataNodeProblem()
        .ifPresent(
            d -> {
              throw new ProvisionException(d);
            });
  }

  /**
   * Why a node (as the API returns it) cannot take tasks now, empty when it can: its state when not
   * {@code ready} (down, unknown, disconnected), or that it is not active (drained, paused: its
   * tasks are taken off it, or none is placed there). Pure.
   */
  static Optional<String> trouble(JsonNode node) {
    String state = node.path("Status").path("State").asText("unknown");
    if (!READY.equals(state)) {
      return Optional.of(state);
    }
    String availability = node.path("Spec").path("Availability").asText("active");
    return "active".equals(availability)
        ? Optional.empty()
        : Optional.of("not active (availability " + availability + ")");
  }

  String managerId() {
    return managerId;
  }

  String dataNodeId() {
    return dataNodeId;
  }

  /** True when the data node is the engine the driver talks to (its volumes are local then). */
  boolean dataOnManager() {
    return managerId.equals(dataNodeId);
  }

  /** Node id to host name, for every node. */
  Map<String, String> names() {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode n : api.list("/nodes")) {
      out.put(n.path("ID").asText(), n.path("Description").path("Hostname").asText());
    }
    return out;
  }

  /** The data node's host name. */
  String dataNodeName() {
    return names().getOrDefault(dataNodeId, dataNodeId);
  }

  /**
   * Ids of the nodes the manager does not see {@code ready} (down: no heartbeat, unknown,
   * disconnected): what their tasks last reported is stale, a task "running" there runs nowhere
   * anyone can reach.
   */
  Set<String> notReady() {
    Set<String> out = new TreeSet<>();
    for (JsonNode n : api.list("/nodes")) {
      if (!READY.equals(n.path("Status").path("State").asText())) {
        out.add(n.path("ID").asText());
      }
    }
    return out;
  }

  /** Why the data node cannot run the deployment's stateful services now ({@link #trouble}). */
  Optional<String> dataNodeTrouble() {
    return trouble(api.get("/nodes/" + dataNodeId).orElse(SwarmApi.JSON.createObjectNode()));
  }

  private static final String READY = "ready";

  /**
   * The data node's trouble ({@link #dataNodeTrouble}) as an error for the plan: the backend stays
   * stopped, and apply refuses, until the node is back.
   */
  Optional<Diagnostic> dataNodeProblem() {
    return dataNodeTrouble()
        .map(
            state ->
                Diagnostic.error(
                        null,
                        "target.swarm.node",
                        "the data node `"
                            + dataNodeName()
                            + "` is "
                            + state
                            + " (as the swarm manager sees it): the deployment's data is there,"
                            + " so its stateful services stay stopped rather than start on another"
                            + " node on an empty volume")
                    .withExpected("node `" + dataNodeName() + "` ready and active")
                    .withHint(
                        "bring the node back (docker node ls on a manager shows it Ready, Active),"
                            + " then run apply: the backend starts there on its data; apply"
                            + " refuses until then and changes nothing"));
  }

  /** The address the swarm knows the node by, empty when it reports none. */
  String address(String nodeId) {
    return api.get("/nodes/" + nodeId)
        .map(n -> n.path("Status").path("Addr").asText(""))
        .orElse("");
  }

  /**
   * Puts the deployment's label on the data node and takes it off every other node, so the
   * constraint matches exactly one node: a stateful service never starts elsewhere on an empty
   * volume. No change when it is so already. One driver pins once at a time (its services start in
   * parallel), and a node update refused as out of sequence (another process changed the node
   * meanwhile) is retried a few times on a fresh read: the change is idempotent.
   */
  synchronized void pin(String deployment) {
    label(deployment, dataNodeId);
  }

  /**
   * Takes the deployment's label off every node once none of the deployment's services is pinned by
   * it (a destroy removed them), so a removed deployment leaves nothing on the nodes.
   */
  synchronized void unpinUnlessUsed(String deployment) {
    if (deployment == null) {
      return; // not provision's service
    }
    String constraint = SwarmLabels.constraint(deployment);
    for (JsonNode s :
        api.list("/services?" + SwarmApi.filter("label", Labels.DEPLOYMENT + "=" + deployment))) {
      for (JsonNode c : s.path("Spec").path("TaskTemplate").path("Placement").path("Constraints")) {
        if (constraint.equals(c.asText())) {
          return;
        }
      }
    }
    label(deployment, null);
  }

  /** Puts the deployment's label on node {@code target} only (on none when null). */
  private void label(String deployment, String target) {
    for (int attempt = 1; !tryPin(deployment, target, attempt == PIN_ATTEMPTS); attempt++) {
      SwarmServices.pause();
    }
  }

  private static final int PIN_ATTEMPTS = 5;

  /** One pass over the nodes; false when an update was refused and another pass should run. */
  private boolean tryPin(String deployment, String target, boolean last) {
    String key = SwarmLabels.nodeLabel(deployment);
    for (JsonNode n : api.list("/nodes")) {
      String id = n.path("ID").asText();
      JsonNode labels = n.path("Spec").path("Labels");
      boolean has = SwarmLabels.DATA.equals(labels.path(key).asText(null));
      boolean want = id.equals(target);
      if (has == want) {
        continue;
      }
      ObjectNode spec = n.path("Spec").deepCopy();
      ObjectNode newLabels = spec.putObject("Labels");
      labels.properties().forEach(e -> newLabels.set(e.getKey(), e.getValue()));
      if (want) {
        newLabels.put(key, SwarmLabels.DATA);
      } else {
        newLabels.remove(key);
      }
      DockerConnection.Answer answer =
          api.exchange(
              "POST",
              "/nodes/" + id + "/update?version=" + n.path("Version").path("Index").asLong(),
              spec);
      if (!answer.ok()) {
        if (last) {
          api.check(
              "labelling node " + n.path("Description").path("Hostname").asText(id),
              answer,
              List.of());
        }
        return false;
      }
    }
    return true;
  }
}
