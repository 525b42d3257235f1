package dev.provision.driver.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the spec of a helper service: a one-shot task that does on the data node what {@code
 * docker run --rm} or {@code docker exec} would do on an engine the driver cannot reach (a Swarm
 * worker). Pure. One replica, restart condition {@code none} (it runs once; its exit code is the
 * task's), the command as the entrypoint, labelled {@link SwarmLabels#HELPER} (and never {@link
 * dev.provision.driver.Labels#DEPLOYMENT}, so observation never sees it; a leftover is swept by
 * age, {@link HelperServices#sweep}), on the network without aliases (a helper must never answer
 * for the service it stands beside), and with input files mounted from Swarm configs.
 *
 * @param name the Swarm name
 * @param image the image (present on the node it is constrained to)
 * @param command the entrypoint and its arguments (never a secret)
 * @param env its environment (may hold secrets: never shown, masked in errors)
 * @param mounts the {@code Mounts} of a {@code ContainerSpec} (copied), or null for none
 * @param network the network to join, or null
 * @param constraints placement constraints (the data node's)
 * @param inputs the configs mounted as files
 */
record HelperSpecs(
    String name,
    String image,
    List<String> command,
    Map<String, String> env,
    JsonNode mounts,
    String network,
    List<String> constraints,
    List<Input> inputs) {
  /** A Swarm config (its id and name) mounted as {@code file}. */
  record Input(String id, String name, String file) {}

  HelperSpecs {
    command = List.copyOf(command);
    env = Map.copyOf(env);
    constraints = List.copyOf(constraints);
    inputs = List.copyOf(inputs);
  }

  /** The same helper under its name with {@code suffix} added (a fresh try). */
  HelperSpecs renamed(String suffix) {
    return new HelperSpecs(
        name + suffix, image, command, env, mounts, network, constraints, inputs);
  }

  /** The service spec to create. */
  ObjectNode spec() {
    ObjectNode service = SwarmApi.JSON.createObjectNode().put("Name", name);
    Map<String, String> labels = Map.of(SwarmLabels.HELPER, name);
    service.set("Labels", SwarmApi.labelsNode(labels));
    ObjectNode task = service.putObject("TaskTemplate");
    ObjectNode c = task.putObject("ContainerSpec").put("Image", image);
    c.set("Labels", SwarmApi.labelsNode(labels));
    c.set("Command", SwarmApi.strings(command));
    c.set(
        "Env",
        SwarmApi.strings(
            new TreeMap<>(env)
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    c.set("Mounts", mounts == null ? SwarmApi.JSON.createArrayNode() : mounts.deepCopy());
    ArrayNode configs = c.putArray("Configs");
    for (Input in : inputs) {
      configs
          .addObject()
          .put("ConfigID", in.id())
          .put("ConfigName", in.name())
          .putObject("File")
          .put("Name", in.file())
          .put("UID", "0")
          .put("GID", "0")
          .put("Mode", 0444);
    }
    task.putObject("RestartPolicy").put("Condition", "none");
    task.putObject("Placement").set("Constraints", SwarmApi.strings(constraints));
    if (network != null) {
      task.putArray("Networks").addObject().put("Target", network);
    }
    service.putObject("Mode").putObject("Replicated").put("Replicas", 1);
    service.putObject("EndpointSpec").put("Mode", "dnsrr");
    return service;
  }

  /** Names the environment's keys only, so a secret never reaches a log. */
  @Override
  public String toString() {
    return "HelperSpecs[" + name + ", " + image + ", " + command + ", env " + env.keySet() + "]";
  }
}
