package dev.provision.driver.docker;

import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.provision.diag.ProvisionException;
import dev.provision.model.ContainerResource;
import dev.provision.model.Value;
import java.util.List;
import java.util.Map;

/**
 * The commands that change a container on a Docker engine: create (never with a secret in its
 * error), start, stop, remove, rename and a new restart policy. Starting a running container or
 * stopping a stopped one changes nothing; stopping or removing one that is gone is no error.
 */
final class ContainerCommands {
  private final DockerConnection connection;
  private final String endpoint;

  ContainerCommands(DockerConnection connection) {
    this.connection = connection;
    this.endpoint = connection.endpoint().host().toString();
  }

  void createContainer(
      String deployment,
      ContainerResource spec,
      String name,
      String configHash,
      Map<String, String> extraLabels) {
    if (connection.getJson("/images/" + spec.image() + "/json").isEmpty()) {
      throw ProvisionException.of(
          "cannot create container "
              + name
              + ": image "
              + spec.image()
              + " is not on Docker "
              + endpoint,
          "pull it first (apply pulls missing images), or load it on the host with docker load");
    }
    List<String> secrets =
        spec.env().values().stream().filter(Value::sensitive).map(Value::text).toList();
    try {
      DockerFailures.run(
          "creating container " + name + " from " + spec.image(),
          endpoint,
          () ->
              ContainerCreator.fill(
                      connection.client().createContainerCmd(spec.image()),
                      deployment,
                      spec,
                      name,
                      configHash,
                      extraLabels)
                  .exec());
    } catch (ProvisionException e) {
      throw DockerFailures.redact(e, secrets);
    }
  }

  void startContainer(String name) {
    DockerFailures.run(
        "starting container " + name,
        endpoint,
        () -> {
          try {
            connection.client().startContainerCmd(name).exec();
          } catch (NotModifiedException alreadyRunning) {
            // starting a running container changes nothing
          }
        });
  }

  void stopContainer(String name, int timeoutSeconds) {
    DockerFailures.ignoringMissing(
        "stopping container " + name,
        endpoint,
        () -> {
          try {
            connection.client().stopContainerCmd(name).withTimeout(timeoutSeconds).exec();
          } catch (NotModifiedException alreadyStopped) {
            // stopping a stopped container changes nothing
          }
        });
  }

  void removeContainer(String name) {
    DockerFailures.ignoringMissing(
        "removing container " + name,
        endpoint,
        () ->
            connection
                .client()
                .removeContainerCmd(name)
                .withForce(true)
                .withRemoveVolumes(false)
                .exec());
  }

  void renameContainer(String from, String to) {
    DockerFailures.run(
        "renaming container " + from + " to " + to,
        endpoint,
        () -> connection.client().renameContainerCmd(from).withName(to).exec());
  }

  void setRestartPolicy(String name, String policy) {
    RestartPolicy parsed = ContainerCreator.restartPolicy(name, policy);
    com.fasterxml.jackson.databind.node.ObjectNode body =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    body.putObject("RestartPolicy")
        .put(
            "Name",
            parsed.getName() == null || parsed.getName().isEmpty() ? "no" : parsed.getName())
        .put(
            "MaximumRetryCount",
            parsed.getMaximumRetryCount() == null ? 0 : parsed.getMaximumRetryCount());
    connection.postJson("/containers/" + name + "/update", body);
  }
}
