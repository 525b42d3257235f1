package dev.provision.driver.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.driver.ContainerState;
import dev.provision.driver.Labels;
import dev.provision.driver.docker.ContainerDecoder;
import dev.provision.driver.docker.ContainerLabels;
import dev.provision.live.ObservedResource;
import dev.provision.live.RuntimeStatus;
import dev.provision.model.ContainerResource;
import dev.provision.model.Mount;
import dev.provision.model.PortBinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a service (and its tasks) back as the {@link ContainerResource} it was made from, so a
 * service made from a spec reads back with equal attributes (see {@link ServiceSpecs}), and as a
 * {@link ContainerState}. A published port reads back on {@code 0.0.0.0}: Swarm publishes on all of
 * the node's addresses, whatever the spec asked. Pure.
 */
final class ServiceDecoder {
  /** After a file mount's source when the file on this machine differs from the service's copy. */
  static final String CHANGED = " (changed here since copied to the swarm)";

  private ServiceDecoder() {}

  /** The name provision knows the service by (its Swarm name when it has no such label). */
  static String name(JsonNode service) {
    JsonNode spec = service.path("Spec");
    return spec.path("Labels").path(SwarmLabels.NAME).asText(spec.path("Name").asText(""));
  }

  static Map<String, String> labels(JsonNode service) {
    return SwarmApi.labels(service.path("Spec").path("Labels"));
  }

  static JsonNode containerSpec(JsonNode service) {
    return service.path("Spec").path("TaskTemplate").path("ContainerSpec");
  }

  static String image(JsonNode service) {
    return containerSpec(service).path("Image").asText("");
  }

  /** The service's id, its image's id on the manager, and its config hash label. */
  static dev.provision.driver.ContainerIdentity identity(
      JsonNode service, dev.provision.driver.HostDriver manager) {
    return new dev.provision.driver.ContainerIdentity(
        service.path("ID").asText(),
        manager.imageId(image(service)).orElse(""),
        labels(service).get(Labels.CONFIG_HASH));
  }

  /**
   * @param nodeNames node id to host name
   */
  static ContainerState state(
      JsonNode service, List<JsonNode> tasks, Map<String, String> nodeNames) {
    Map<String, String> labels = labels(service);
    Optional<String> node = nodeName(TaskStates.newestFirst(tasks).stream().findFirst(), nodeNames);
    return new ContainerState(
        name(service),
        image(service),
        TaskStates.running(tasks).isPresent(),
        TaskStates.exitCode(tasks),
        "true".equals(labels.get(Labels.HEALTH_SET)) ? TaskStates.health(tasks) : null,
        labels,
        node,
        TaskStates.lastError(tasks));
  }

  /**
   * The service as a resource, with its status: running when a task runs, on that task's node.
   *
   * @param networkNames network id to name (Swarm keeps the id of a service's network)
   * @param nodeNames node id to host name
   */
  static ObservedResource decode(
      JsonNode service,
      List<JsonNode> tasks,
      Map<String, String> networkNames,
      Map<String, String> nodeNames) {
    return decode(service, tasks, networkNames, nodeNames, (target, source, secret) -> false);
  }

  /** Tells whether the file behind a secret changed on this machine since it was copied. */
  @FunctionalInterface
  interface FileChange {
    boolean changed(String target, String source, String secretName);
  }

  /**
   * As {@link #decode(JsonNode, List, Map, Map)}; a file mount whose file {@code files} says
   * changed reads with {@link #CHANGED} after its source, so the plan replaces the service.
   */
  static ObservedResource decode(
      JsonNode service,
      List<JsonNode> tasks,
      Map<String, String> networkNames,
      Map<String, String> nodeNames,
      FileChange files) {
    Map<String, String> labels = labels(service);
    JsonNode c = containerSpec(service);
    String name = name(service);
    JsonNode net = service.path("Spec").path("TaskTemplate").path("Networks").path(0);
    String network =
        net.isMissingNode()
            ? null
            : networkNames.getOrDefault(
                net.path("Target").asText(""), net.path("Target").asText(""));
    List<String> aliases = strings(net.path("Aliases"));
    List<String> extra =
        aliases.size() < 2
            ? List.of()
            : aliases.subList(1, aliases.size()).stream().sorted().toList();
    ContainerResource resource =
        new ContainerResource(
            ContainerDecoder.address(labels, name),
            name,
            image(service),
            ContainerLabels.envFrom(strings(c.path("Env")), labels),
            ports(service.path("Spec").path("EndpointSpec").path("Ports")),
            mounts(c, labels, files),
            network,
            network == null || aliases.isEmpty() ? null : aliases.get(0),
            "true".equals(labels.get(Labels.COMMAND_SET)) ? strings(c.path("Args")) : List.of(),
            labels.getOrDefault(SwarmLabels.RESTART, "no"),
            c.hasNonNull("StopSignal") ? c.get("StopSignal").asText() : null,
            (int) (c.path("StopGracePeriod").asLong(10 * ServiceSpecs.NANOS) / ServiceSpecs.NANOS),
            null,
            network == null ? List.of() : extra,
            "true".equals(labels.get(Labels.HEALTH_SET))
                ? ContainerDecoder.healthCheck(c.path(ServiceSpecs.HEALTH_CHECK))
                : null);
    RuntimeStatus status =
        new RuntimeStatus(
            TaskStates.running(tasks).isPresent(),
            TaskStates.exitCode(tasks),
            "true".equals(labels.get(Labels.HEALTH_SET)) ? TaskStates.health(tasks) : null,
            nodeName(TaskStates.running(tasks), nodeNames));
    return new ObservedResource(resource, status, labels.get(Labels.CONFIG_HASH));
  }

  /** The host name of the node {@code task} is on; empty without a task or a node yet. */
  private static Optional<String> nodeName(Optional<JsonNode> task, Map<String, String> nodeNames) {
    return task.map(TaskStates::node)
        .filter(id -> !id.isEmpty())
        .map(id -> nodeNames.getOrDefault(id, id));
  }

  private static List<PortBinding> ports(JsonNode ports) {
    List<PortBinding> out = new ArrayList<>();
    for (JsonNode p : ports) {
      out.add(
          new PortBinding(
              "0.0.0.0", p.path("PublishedPort").asInt(0), p.path("TargetPort").asInt(0)));
    }
    out.sort(Comparator.comparingInt(PortBinding::containerPort));
    return out;
  }

  /**
   * The volume mounts, then the files delivered as secrets ({@link SwarmFiles}): read-only bind
   * mounts of the path on this machine recorded in {@link SwarmFiles#SOURCES_LABEL} (a secret made
   * outside provision reads as {@code secret NAME}).
   */
  static List<Mount> mounts(JsonNode containerSpec, Map<String, String> labels, FileChange files) {
    List<Mount> out = mounts(containerSpec.path("Mounts"));
    Map<String, String> sources = SwarmFiles.sources(labels);
    for (JsonNode s : containerSpec.path("Secrets")) {
      String target = s.path("File").path("Name").asText("");
      String secret = s.path("SecretName").asText("");
      String source = sources.get(target);
      if (source == null) {
        source = "secret " + secret;
      } else if (files.changed(target, source, secret)) {
        source += CHANGED;
      }
      out.add(Mount.bindReadOnly(source, target));
    }
    return out;
  }

  static List<Mount> mounts(JsonNode mounts) {
    List<Mount> out = new ArrayList<>();
    for (JsonNode m : mounts) {
      out.add(
          new Mount(
              m.path("Source").asText(""),
              m.path("Target").asText(""),
              "bind".equals(m.path("Type").asText()),
              m.path("ReadOnly").asBoolean(false)));
    }
    return out;
  }

  /** A JSON string array as a list. */
  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }
}
