package dev.provision.driver.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.HostDriver;
import dev.provision.driver.Labels;
import dev.provision.driver.VolumeUser;
import dev.provision.driver.docker.ContainerLabels;
import dev.provision.model.Address;
import dev.provision.model.VolumeResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Volumes on a swarm. A volume lives on one node, and only that node's engine can create, list or
 * remove it. When the data node is the manager the driver talks to, volumes are made and read there
 * directly (as on Docker). Otherwise Swarm creates a named volume on the node when the task that
 * mounts it starts, with the labels of the mount's {@code VolumeOptions}: so creating only records
 * the labels for the service that mounts it, reading labels reads the services' mounts, and
 * removing is refused with what to run on the node.
 */
final class SwarmVolumes {
  private final SwarmApi api;
  private final SwarmNodes nodes;
  private final HostDriver manager;
  private final Map<String, Map<String, String>> recorded = new ConcurrentHashMap<>();

  SwarmVolumes(SwarmApi api, SwarmNodes nodes, HostDriver manager) {
    this.api = api;
    this.nodes = nodes;
    this.manager = manager;
  }

  /**
   * The labels each volume {@code spec} mounts gets when Swarm creates it on the node: those
   * recorded when this run made it, else those it already has (a service replaced in a later run
   * keeps its volume's labels, which is how a volume on another node is observed at all).
   */
  Map<String, Map<String, String>> labelsFor(dev.provision.model.ContainerResource spec) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (dev.provision.model.Mount m : spec.mounts()) {
      if (m.bind()) {
        continue;
      }
      Optional.ofNullable(recorded.get(m.source()))
          .or(() -> labels(m.source()))
          .filter(l -> !l.isEmpty())
          .ifPresent(l -> out.put(m.source(), l));
    }
    return out;
  }

  void create(String deployment, VolumeResource volume, Map<String, String> extra) {
    Map<String, String> labels = new TreeMap<>(extra);
    labels.putAll(ContainerLabels.owned(deployment, volume.address()));
    recorded.put(volume.name(), labels);
    if (nodes.dataOnManager()) {
      manager.createVolume(deployment, volume, extra);
    }
  }

  void remove(String name) {
    outOfReach(name)
        .ifPresent(
            d -> {
              throw ProvisionException.of(
                  "cannot remove volume " + name + ": " + d.message(), d.hint());
            });
    awaitTaskContainersGone(name);
    manager.removeVolume(name);
  }

  /**
   * A warning when the volume is on a node other than the manager: only that node's engine can
   * remove it, and once no service mounts it the manager does not even see it.
   */
  Optional<Diagnostic> outOfReach(String name) {
    if (nodes.dataOnManager() || manager.volumeLabels(name).isPresent()) {
      return Optional.empty();
    }
    String node = "node `" + nodes.dataNodeName() + "`";
    return Optional.of(
        Diagnostic.warning(
                null,
                "target.swarm.node",
                "volume "
                    + name
                    + " is on "
                    + node
                    + ", whose engine the swarm manager cannot reach: only that node can delete it,"
                    + " and once no service mounts it the manager no longer sees it")
            .withHint(
                "to delete the data: `provision destroy` without --delete-data (it keeps the"
                    + " volume), then on "
                    + node
                    + ": docker volume rm "
                    + name));
  }

  /**
   * Swarm removes the containers of a removed service's tasks a moment after the service: waits (up
   * to 30 s) until no task container on the manager mounts the volume, so removing it right after
   * its service does not fail as "in use".
   */
  private void awaitTaskContainersGone(String name) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (manager.volumeUsers(name).stream()
            .anyMatch(u -> u.labels().containsKey(SwarmLabels.TASK_ID))
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  Optional<Map<String, String>> labels(String name) {
    Optional<Map<String, String>> local = manager.volumeLabels(name);
    if (local.isPresent() || nodes.dataOnManager()) {
      return local;
    }
    for (JsonNode mount : mounts(name)) {
      return Optional.of(SwarmApi.labels(mount.path("VolumeOptions").path("Labels")));
    }
    return Optional.empty();
  }

  /**
   * Services (anyone's) that mount the volume, and plain containers on the manager that do; never
   * provision's own helper services ({@link SwarmLabels#HELPER}): each runs once, for the command
   * that made it, and one a killed run left is no other writer of the data.
   */
  List<VolumeUser> users(String name, SwarmServices services) {
    List<VolumeUser> users = new ArrayList<>();
    for (JsonNode service : api.list("/services")) {
      if (ServiceDecoder.labels(service).containsKey(SwarmLabels.HELPER)) {
        continue;
      }
      boolean mounts = false;
      for (JsonNode m : ServiceDecoder.containerSpec(service).path("Mounts")) {
        mounts |= name.equals(m.path("Source").asText()) && !"bind".equals(m.path("Type").asText());
      }
      if (mounts) {
        Map<String, String> labels = ServiceDecoder.labels(service);
        users.add(
            new VolumeUser(
                ServiceDecoder.name(service),
                ServiceDecoder.image(service),
                TaskStates.running(services.tasks(service)).isPresent(),
                labels.getOrDefault(SwarmLabels.RESTART, "no"),
                labels));
      }
    }
    for (VolumeUser local : manager.volumeUsers(name)) {
      if (!local.labels().containsKey(SwarmLabels.TASK_ID)) {
        users.add(local);
      }
    }
    return users;
  }

  /** The deployment's volumes: local ones on the manager, and those its services mount. */
  Map<String, VolumeResource> observe(String deployment, List<JsonNode> services) {
    Map<String, VolumeResource> found = new TreeMap<>();
    for (JsonNode v :
        api.get("/volumes?" + SwarmApi.filter("label", Labels.DEPLOYMENT + "=" + deployment))
            .map(j -> j.path("Volumes"))
            .orElse(SwarmApi.JSON.createArrayNode())) {
      String volume = v.path("Name").asText();
      found.put(volume, resource(SwarmApi.labels(v.path("Labels")), volume));
    }
    for (JsonNode service : services) {
      for (JsonNode m : ServiceDecoder.containerSpec(service).path("Mounts")) {
        Map<String, String> labels = SwarmApi.labels(m.path("VolumeOptions").path("Labels"));
        String volume = m.path("Source").asText();
        if (deployment.equals(labels.get(Labels.DEPLOYMENT))
            && labels.containsKey(Labels.ADDRESS)) {
          found.putIfAbsent(volume, resource(labels, volume));
        }
      }
    }
    return found;
  }

  private static VolumeResource resource(Map<String, String> labels, String name) {
    return new VolumeResource(SwarmObserver.address(labels, Address.Kind.VOLUME, name), name);
  }

  private List<JsonNode> mounts(String name) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode service : api.list("/services")) {
      for (JsonNode m : ServiceDecoder.containerSpec(service).path("Mounts")) {
        if (name.equals(m.path("Source").asText())) {
          found.add(m);
        }
      }
    }
    return found;
  }
}
