package dev.provision.driver.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.HostDriver;
import dev.provision.driver.LogRequest;
import dev.provision.driver.docker.ContainerLogs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reaching a service's task: its log through the manager (Swarm gathers it from whichever node runs
 * the task), and its container through the manager's own engine, which is possible only when the
 * task runs on the manager (the manager's API cannot exec into, or copy files of, a container on
 * another node: {@link RemoteTasks} does that with a helper service beside it). A stopped service
 * has no container to copy files from (Swarm removes the task container of a service scaled to 0),
 * so files of a stopped service are read and written through a stand-in: a container created (never
 * started) on the manager from the service's image with the service's mounts, removed right after;
 * its volumes are the service's, other paths the image's.
 */
final class SwarmTasks {
  private final SwarmApi api;
  private final SwarmNodes nodes;
  private final SwarmServices services;
  private final HostDriver manager;

  SwarmTasks(SwarmApi api, SwarmNodes nodes, SwarmServices services, HostDriver manager) {
    this.api = api;
    this.nodes = nodes;
    this.services = services;
    this.manager = manager;
  }

  /**
   * The id of the service's task container on the manager (the running one, else the newest one
   * that has a container), to {@code doing} it.
   */
  String localContainer(String name, String doing) {
    JsonNode service = services.require(name, "cannot " + doing + " service");
    JsonNode task =
        TaskStates.withContainer(services.tasks(service))
            .orElseThrow(
                () ->
                    ProvisionException.of(
                        "cannot " + doing + " service " + name + ": it has no task container",
                        "start it first (apply starts it)"));
    String node = TaskStates.node(task);
    if (!node.equals(nodes.managerId())) {
      throw unsupported(
          doing + " service " + name,
          "its task runs on node " + nodes.names().getOrDefault(node, node));
    }
    return TaskStates.containerId(task);
  }

  /**
   * Runs {@code use} with a container that shows the service's files: its running task container on
   * the manager, else (the data on the manager) a stand-in removed afterwards, else the newest task
   * container on the manager ({@link #localContainer}).
   */
  <T> T withFiles(String name, String doing, java.util.function.Function<String, T> use) {
    JsonNode service = services.require(name, "cannot " + doing + " service");
    if (TaskStates.running(services.tasks(service)).isEmpty() && nodes.dataOnManager()) {
      String standIn = createStandIn(service, doing);
      try {
        return use.apply(standIn);
      } finally {
        api.exchange("DELETE", "/containers/" + standIn + "?force=true", null);
      }
    }
    return use.apply(localContainer(name, doing));
  }

  private String createStandIn(JsonNode service, String doing) {
    JsonNode spec = ServiceDecoder.containerSpec(service);
    com.fasterxml.jackson.databind.node.ObjectNode body =
        SwarmApi.JSON.createObjectNode().put("Image", ServiceDecoder.image(service));
    body.putArray("Cmd").add("true");
    body.putObject("HostConfig").set("Mounts", spec.path("Mounts").deepCopy());
    JsonNode created =
        api.send(
            doing + " stopped service " + ServiceDecoder.name(service),
            "POST",
            "/containers/create",
            body,
            List.of());
    return created.path("Id").asText();
  }

  /** The id of the service's task container when it is on the manager, else empty. */
  java.util.Optional<String> localContainerId(String name) {
    return services
        .find(name)
        .flatMap(s -> TaskStates.withContainer(services.tasks(s)))
        .filter(t -> TaskStates.node(t).equals(nodes.managerId()))
        .map(TaskStates::containerId);
  }

  /**
   * Whether the service's files are reached through the manager's engine ({@link #withFiles}): its
   * task container is there, or it has none running and the data is on the manager.
   */
  boolean filesOnManager(String name) {
    List<JsonNode> all =
        services.tasks(services.require(name, "cannot reach the files of service"));
    if (TaskStates.running(all).isEmpty() && nodes.dataOnManager()) {
      return true;
    }
    return TaskStates.withContainer(all)
        .filter(t -> TaskStates.node(t).equals(nodes.managerId()))
        .isPresent();
  }

  private ProvisionException unsupported(String doing, String where) {
    return new ProvisionException(
        Diagnostic.error(null, null, "cannot " + doing + " through the swarm manager")
            .withFound(where + ", not on the manager " + api.endpoint())
            .withExpected("the task on the manager, as it was a moment before")
            .withHint("the task moved meanwhile: run the command again"));
  }

  /**
   * The log of the service's newest task container when it is on the manager (read there directly),
   * else the service's log as Swarm gathers it from the nodes.
   */
  void logs(String name, LogRequest request, Consumer<byte[]> chunks, BooleanSupplier stopped) {
    JsonNode service = services.require(name, "cannot read the log of service");
    java.util.Optional<JsonNode> task = TaskStates.withContainer(services.tasks(service));
    if (task.isPresent() && TaskStates.node(task.get()).equals(nodes.managerId())) {
      manager.logs(TaskStates.containerId(task.get()), request, chunks, stopped);
      return;
    }
    boolean tty = ServiceDecoder.containerSpec(service).path("TTY").asBoolean(false);
    new ContainerLogs(api.connection())
        .streamFrom(
            name, "/services/" + service.path("ID").asText(), tty, request, chunks, stopped);
  }

  List<String> logTail(String name, int lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    logs(
        name,
        new LogRequest(false, java.util.Optional.empty(), java.util.OptionalInt.of(lines)),
        out::writeBytes,
        () -> false);
    String text = out.toString(StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return List.of();
    }
    List<String> all = Arrays.asList(text.split("\r?\n"));
    return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
