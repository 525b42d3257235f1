package dev.provision.driver.swarm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.driver.Labels;
import dev.provision.driver.docker.ContainerLabels;
import dev.provision.model.ContainerResource;
import dev.provision.model.HealthCheck;
import dev.provision.model.Mount;
import dev.provision.model.PortBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds the Swarm {@code ServiceSpec} for a "container": a replicated service with 0 replicas
 * (started by scaling to 1). Pure. What it writes:
 *
 * <ul>
 *   <li>provision's labels ({@link ContainerLabels#forContainer}, the extra ones, {@link
 *       SwarmLabels#NAME} and {@link SwarmLabels#RESTART}) on the service and on its containers;
 *   <li>image, env, command (as {@code Args}: the image's entrypoint stays), mounts (a named volume
 *       gets {@code VolumeOptions.Labels}, with which Swarm creates it on the node; a file of this
 *       machine becomes a Swarm secret at the same path, see {@link SwarmFiles}), stop signal, stop
 *       grace period, health check;
 *   <li>restart condition {@code on-failure} (Swarm's own; the Docker-style policy is only a label,
 *       since scaling to 0 is what keeps a stopped service from coming back);
 *   <li>a pinned service (one that owns data, or publishes a port) gets the placement constraint
 *       {@link SwarmLabels#constraint}; ports are published in {@code host} mode on that node (a
 *       Swarm port has no host address: it listens on all of the node's addresses);
 *   <li>update and rollback order: {@code stop-first} for a pinned service (one writer of the data,
 *       or one holder of the host port, at a time: the proxy is both, its certificates' volume and
 *       its host-mode ports are on one node, where a second task could not bind the ports while the
 *       first holds them), {@code start-first} otherwise; a failed update rolls back;
 *   <li>the deployment network with the alias and the extra aliases, resolved by DNS round robin
 *       ({@code dnsrr}) to the running task itself: no virtual IP, so no IPVS needed on the nodes
 *       and no address that outlives the task (the routing mesh is not used: ports are host-mode).
 * </ul>
 */
final class ServiceSpecs {
  static final long NANOS = 1_000_000_000L;
  static final String ON_FAILURE = "on-failure";

  /**
   * The health check's key in a {@code ContainerSpec} as the engine returns it ({@code
   * Healthcheck}, not the documented {@code HealthCheck}: the engine accepts either on write, any
   * case, but reads back only this one).
   */
  static final String HEALTH_CHECK = "Healthcheck";

  private ServiceSpecs() {}

  /** True when the service must run on the deployment's data node. */
  static boolean pinned(ContainerResource spec) {
    return spec.ownsData() || !spec.ports().isEmpty();
  }

  /**
   * The spec of service {@code swarmName}, known to provision as {@code name}.
   *
   * @param volumeLabels labels for the named volumes Swarm creates on the node (by volume name)
   * @param files the secret delivering each file mount, by mount target ({@link SwarmFiles#ensure})
   */
  static ObjectNode of(
      String deployment,
      ContainerResource spec,
      String swarmName,
      String name,
      String configHash,
      Map<String, String> extra,
      Map<String, Map<String, String>> volumeLabels,
      Map<String, SwarmFiles.Ref> files) {
    SortedMap<String, String> labels =
        new TreeMap<>(ContainerLabels.forContainer(deployment, spec, configHash));
    labels.putAll(extra);
    labels.put(SwarmLabels.NAME, name);
    labels.put(SwarmLabels.RESTART, spec.restartPolicy() == null ? "no" : spec.restartPolicy());
    String sources = SwarmFiles.sourcesLabel(spec);
    if (sources != null) {
      labels.put(SwarmFiles.SOURCES_LABEL, sources);
    }
    ObjectNode service = SwarmApi.JSON.createObjectNode();
    service.put("Name", swarmName);
    service.set("Labels", SwarmApi.labelsNode(labels));
    ObjectNode task = service.putObject("TaskTemplate");
    task.set("ContainerSpec", container(spec, labels, deployment, volumeLabels, files));
    task.putObject("RestartPolicy")
        .put("Condition", ON_FAILURE)
        .put("Delay", 5 * NANOS)
        .put("MaxAttempts", 0);
    boolean pinned = pinned(spec);
    if (pinned) {
      task.putObject("Placement")
          .set("Constraints", SwarmApi.strings(List.of(SwarmLabels.constraint(deployment))));
    }
    if (spec.network() != null) {
      ObjectNode net = task.putArray("Networks").addObject().put("Target", spec.network());
      List<String> aliases = new ArrayList<>();
      if (spec.alias() != null) {
        aliases.add(spec.alias());
        aliases.addAll(spec.extraAliases());
      }
      if (!aliases.isEmpty()) {
        net.set("Aliases", SwarmApi.strings(aliases));
      }
    }
    service.putObject("Mode").putObject("Replicated").put("Replicas", 0);
    String order = pinned ? "stop-first" : "start-first";
    service
        .putObject("UpdateConfig")
        .put("Parallelism", 1)
        .put("Order", order)
        .put("FailureAction", "rollback");
    service.putObject("RollbackConfig").put("Parallelism", 1).put("Order", order);
    ObjectNode endpoint = service.putObject("EndpointSpec").put("Mode", "dnsrr");
    if (!spec.ports().isEmpty()) {
      ArrayNode ports = endpoint.putArray("Ports");
      for (PortBinding p : spec.ports()) {
        ports
            .addObject()
            .put("Protocol", "tcp")
            .put("TargetPort", p.containerPort())
            .put("PublishedPort", p.hostPort())
            .put("PublishMode", "host");
      }
    }
    return service;
  }

  private static ObjectNode container(
      ContainerResource spec,
      Map<String, String> labels,
      String deployment,
      Map<String, Map<String, String>> volumeLabels,
      Map<String, SwarmFiles.Ref> files) {
    ObjectNode c = SwarmApi.JSON.createObjectNode();
    c.put("Image", spec.image());
    c.set("Labels", SwarmApi.labelsNode(labels));
    c.set("Env", SwarmApi.strings(ContainerLabels.envList(spec.env())));
    if (!spec.command().isEmpty()) {
      c.set("Args", SwarmApi.strings(spec.command()));
    }
    ArrayNode mounts = c.putArray("Mounts");
    for (Mount m : spec.mounts()) {
      if (m.bind()) {
        SwarmFiles.Ref ref = files.get(m.target());
        if (ref == null) {
          throw new IllegalArgumentException("no secret for the file mounted at " + m.target());
        }
        if (!c.has("Secrets")) {
          c.putArray("Secrets");
        }
        ObjectNode secret = ((ArrayNode) c.get("Secrets")).addObject();
        secret
            .putObject("File")
            .put("Name", m.target())
            .put("UID", "0")
            .put("GID", "0")
            .put("Mode", ref.mode());
        secret.put("SecretID", ref.id()).put("SecretName", ref.name());
        continue;
      }
      Map<String, String> own =
          volumeLabels.getOrDefault(m.source(), Map.of(Labels.DEPLOYMENT, deployment));
      mounts
          .addObject()
          .put("Type", "volume")
          .put("Source", m.source())
          .put("Target", m.target())
          .put("ReadOnly", m.readOnly())
          .putObject("VolumeOptions")
          .set("Labels", SwarmApi.labelsNode(new TreeMap<>(own)));
    }
    if (spec.stopSignal() != null) {
      c.put("StopSignal", spec.stopSignal());
    }
    c.put("StopGracePeriod", spec.stopTimeoutSeconds() * NANOS);
    if (spec.healthCheck() != null) {
      c.set(HEALTH_CHECK, healthCheck(spec.healthCheck()));
    }
    return c;
  }

  /** Docker's health check form ({@code CMD} and the arguments, durations in nanoseconds). */
  static ObjectNode healthCheck(HealthCheck h) {
    List<String> test = new ArrayList<>();
    test.add("CMD");
    test.addAll(h.command());
    ObjectNode node = SwarmApi.JSON.createObjectNode();
    node.set("Test", SwarmApi.strings(test));
    return node.put("Interval", h.interval().toNanos())
        .put("Timeout", h.timeout().toNanos())
        .put("StartPeriod", h.startPeriod().toNanos())
        .put("Retries", h.retries());
  }
}
