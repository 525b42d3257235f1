package dev.provision.driver.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.ContainerState;
import dev.provision.driver.ExecResult;
import dev.provision.driver.HostDriver;
import dev.provision.driver.Labels;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.PortBinding;
import dev.provision.model.Target;
import dev.provision.model.Value;
import dev.provision.model.VolumeResource;
import dev.provision.observe.ObservedState;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A {@link HostDriver} for a Docker engine reached through its API (a local socket or {@code tcp://}
 * with TLS), built on docker-java. Which engine, and which API version, is decided once in {@link
 * #connect}; see {@link DockerEndpoint} and {@link ApiVersionChoice}. Thread-safe as docker-java's
 * client is. Not for hosts reached over SSH: that is the SSH driver's job.
 */
public final class DockerHostDriver implements HostDriver {
  private final DockerConnection connection;
  private final DockerClient client;
  private final String endpoint;
  private final DockerObserver observer;
  private final ContainerIo io;

  private DockerHostDriver(DockerConnection connection) {
    this.connection = connection;
    this.client = connection.client();
    this.endpoint = connection.endpoint().host().toString();
    this.observer = new DockerObserver(connection);
    this.io = new ContainerIo(connection);
  }

  /** Connects as the docker CLI would in this process's environment. */
  public static DockerHostDriver connect(Target.Docker target) {
    return connect(target, System.getenv());
  }

  /**
   * Connects using {@code env} in place of the process environment (DOCKER_HOST,
   * DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, DOCKER_CONFIG). Fails with a {@link ProvisionException}
   * naming the endpoint when no engine answers there.
   */
  public static DockerHostDriver connect(Target.Docker target, Map<String, String> env) {
    String home = System.getProperty("user.home");
    DockerEndpoint endpoint = DockerEndpoint.resolve(target, env, home);
    String config = env.getOrDefault("DOCKER_CONFIG", Path.of(home, ".docker").toString());
    return new DockerHostDriver(DockerConnection.open(endpoint, config));
  }

  @Override
  public String describe() {
    return "docker " + connection.endpoint() + " (API " + connection.apiVersion() + ")";
  }

  @Override
  public ObservedState observe(String deployment) {
    return observer.observe(deployment);
  }

  @Override
  public boolean hasImage(String image) {
    return connection.getJson("/images/" + image + "/json").isPresent();
  }

  @Override
  public void pullImage(String image, Consumer<String> progress) {
    ImagePuller.pull(client, image, progress, endpoint);
  }

  @Override
  public Map<String, String> imageLabels(String image) {
    Map<String, String> labels = new TreeMap<>();
    connection.getJson("/images/" + image + "/json").ifPresent(json ->
        json.path("Config").path("Labels").fields()
            .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText())));
    return labels;
  }

  @Override
  public void createNetwork(String deployment, NetworkResource network) {
    if (alreadyOwned("/networks/" + network.name(), "network", network.name(), deployment)) {
      return;
    }
    DockerFailures.run("creating network " + network.name(), endpoint, () ->
        client.createNetworkCmd().withName(network.name()).withDriver("bridge").withCheckDuplicate(true)
            .withLabels(ContainerLabels.owned(deployment, network.address())).exec());
  }

  @Override
  public void removeNetwork(String name) {
    ignoringMissing("removing network " + name, () -> client.removeNetworkCmd(name).exec());
  }

  @Override
  public void createVolume(String deployment, VolumeResource volume) {
    if (alreadyOwned("/volumes/" + volume.name(), "volume", volume.name(), deployment)) {
      return;
    }
    DockerFailures.run("creating volume " + volume.name(), endpoint, () ->
        client.createVolumeCmd().withName(volume.name())
            .withLabels(ContainerLabels.owned(deployment, volume.address())).exec());
  }

  @Override
  public void removeVolume(String name) {
    ignoringMissing("removing volume " + name, () -> client.removeVolumeCmd(name).exec());
  }

  @Override
  public void createContainer(String deployment, ContainerResource spec, String name, String configHash) {
    List<String> secrets =
        spec.env().values().stream().filter(Value::sensitive).map(Value::text).toList();
    try {
      DockerFailures.run("creating container " + name + " from " + spec.image(), endpoint, () ->
          ContainerCreator.fill(client.createContainerCmd(spec.image()), deployment, spec, name, configHash)
              .exec());
    } catch (ProvisionException e) {
      throw DockerFailures.redact(e, secrets);
    }
  }

  @Override
  public void startContainer(String name) {
    DockerFailures.run("starting container " + name, endpoint, () -> {
      try {
        client.startContainerCmd(name).exec();
      } catch (NotModifiedException alreadyRunning) {
        // starting a running container changes nothing
      }
    });
  }

  @Override
  public void stopContainer(String name, int timeoutSeconds) {
    ignoringMissing("stopping container " + name, () -> {
      try {
        client.stopContainerCmd(name).withTimeout(timeoutSeconds).exec();
      } catch (NotModifiedException alreadyStopped) {
        // stopping a stopped container changes nothing
      }
    });
  }

  @Override
  public void removeContainer(String name) {
    ignoringMissing("removing container " + name, () ->
        client.removeContainerCmd(name).withForce(true).withRemoveVolumes(false).exec());
  }

  @Override
  public void renameContainer(String from, String to) {
    DockerFailures.run("renaming container " + from + " to " + to, endpoint, () ->
        client.renameContainerCmd(from).withName(to).exec());
  }

  @Override
  public Optional<ContainerState> inspectContainer(String name) {
    return connection.getJson("/containers/" + name + "/json").map(ContainerDecoder::state);
  }

  @Override
  public List<String> logTail(String name, int lines) {
    return io.logTail(name, lines);
  }

  @Override
  public ExecResult exec(String container, List<String> command) {
    return io.exec(container, command);
  }

  @Override
  public Optional<byte[]> readFile(String container, String path) {
    return io.readFile(container, path);
  }

  /**
   * For a local engine, the published address itself (127.0.0.1 when published on all addresses);
   * for a {@code tcp://} engine, the engine's host name with the published port.
   */
  @Override
  public URI endpoint(PortBinding binding) {
    String host = connection.endpoint().local() ? binding.hostIp() : connection.endpoint().host().getHost();
    if (host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    }
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + binding.hostPort());
  }

  /** The open connection, for checks that need the engine's raw answers. */
  DockerConnection connection() {
    return connection;
  }

  @Override
  public void close() {
    connection.close();
  }

  /** True when the object exists and is this deployment's; an error when someone else owns it. */
  private boolean alreadyOwned(String path, String kind, String name, String deployment) {
    Optional<JsonNode> existing = connection.getJson(path);
    if (existing.isEmpty()) {
      return false;
    }
    String owner = existing.get().path("Labels").path(Labels.DEPLOYMENT).asText(null);
    if (!deployment.equals(owner)) {
      throw ProvisionException.of(
          kind + " " + name + " already exists on Docker " + endpoint + " and is "
              + (owner == null ? "not owned by provision" : "owned by deployment " + owner),
          "choose another deployment name, or remove the " + kind + " (docker " + kind + " rm "
              + name + ") if nothing needs it");
    }
    return true;
  }

  private void ignoringMissing(String what, Runnable body) {
    DockerFailures.run(what, endpoint, () -> {
      try {
        body.run();
      } catch (NotFoundException gone) {
        // already gone: the wanted end state holds
      }
    });
  }
}
