package dev.provision.driver.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.ContainerIdentity;
import dev.provision.driver.ContainerState;
import dev.provision.driver.ExecResult;
import dev.provision.driver.HostDriver;
import dev.provision.driver.Labels;
import dev.provision.driver.LockHolder;
import dev.provision.driver.LockRecord;
import dev.provision.driver.VolumeUser;
import dev.provision.live.ObservedState;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.PortBinding;
import dev.provision.model.Target;
import dev.provision.model.VolumeResource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A {@link HostDriver} for a Docker engine reached through its API (a local socket or {@code
 * tcp://} with TLS), built on docker-java. Which engine, and which API version, is decided once in
 * {@link #connect}; see {@link DockerEndpoint} and {@link ApiVersionChoice}. Thread-safe as
 * docker-java's client is. Not for hosts reached over SSH: that is the SSH driver's job.
 */
public final class DockerHostDriver implements HostDriver {
  private final DockerConnection connection;
  private final String endpoint;
  private final DockerObserver observer;
  private final ContainerIo io;
  private final ContainerLogs logs;
  private final NetworksAndVolumes shared;
  private final ContainerCommands commands;
  private final LockContainers locks;
  private final ContainerArchives archives;

  private final boolean owned;

  private DockerHostDriver(DockerConnection connection, boolean owned) {
    this(connection, owned, null);
  }

  private DockerHostDriver(DockerConnection connection, boolean owned, DockerListing listing) {
    this.connection = connection;
    this.owned = owned;
    this.endpoint = connection.endpoint().host().toString();
    this.observer = new DockerObserver(connection, listing);
    this.io = new ContainerIo(connection);
    this.logs = new ContainerLogs(connection);
    this.shared = new NetworksAndVolumes(connection, listing);
    this.commands = new ContainerCommands(connection);
    this.locks = new LockContainers(connection);
    this.archives = new ContainerArchives(connection);
  }

  /**
   * A driver over an open connection (the Swarm driver uses one for what it does on the manager's
   * own engine: images, and containers of tasks that run there). Closing it closes the connection.
   */
  public static DockerHostDriver over(DockerConnection connection) {
    return new DockerHostDriver(connection, true);
  }

  /**
   * A driver over a connection others use too (the deployments of one run on one engine): closing
   * the driver leaves the connection open; its owner closes it.
   */
  static DockerHostDriver borrowing(DockerConnection connection) {
    return new DockerHostDriver(connection, false);
  }

  /**
   * As {@link #borrowing(DockerConnection)}, for a read-only run: the deployment's lists and who
   * mounts its volumes come from {@code listing}, the run's listing of the engine.
   */
  static DockerHostDriver borrowing(DockerConnection connection, DockerListing listing) {
    return new DockerHostDriver(connection, false, listing);
  }

  /** Connects as the docker CLI would in this process's environment. */
  public static DockerHostDriver connect(Target.Docker target) {
    return connect(target, System.getenv());
  }

  /**
   * Connects using {@code env} in place of the process environment (DOCKER_HOST, DOCKER_TLS_VERIFY,
   * DOCKER_CERT_PATH, DOCKER_CONFIG). Fails with a {@link ProvisionException} naming the endpoint
   * when no engine answers there.
   */
  public static DockerHostDriver connect(Target.Docker target, Map<String, String> env) {
    return connect(target, env, null, 20);
  }

  /**
   * As {@link #connect(Target.Docker, Map)}, with a read timeout on every API call ({@code
   * responseTimeout}, null for none) and at most {@code maxConnections} open connections: for an
   * engine reached through a tunnel that can die silently or has few channels (SSH).
   */
  public static DockerHostDriver connect(
      Target.Docker target,
      Map<String, String> env,
      java.time.Duration responseTimeout,
      int maxConnections) {
    String home = System.getProperty("user.home");
    DockerEndpoint endpoint = DockerEndpoint.resolve(target, env, home);
    String config = configFolder(env, home);
    return new DockerHostDriver(
        DockerConnection.open(endpoint, config, responseTimeout, maxConnections), true);
  }

  /**
   * As {@link #connect(Target.Docker, Map, java.time.Duration, int)}, for one driver shared by the
   * deployments of a read-only run (plan, status, doctor) on one server: the engine is listed once
   * for all of them ({@link DockerListing}), with the users of {@code runVolumes} (the volumes the
   * run's specs name).
   */
  public static DockerHostDriver connectListingOnce(
      Target.Docker target,
      Map<String, String> env,
      java.time.Duration responseTimeout,
      int maxConnections,
      java.util.Set<String> runVolumes) {
    String home = System.getProperty("user.home");
    DockerEndpoint endpoint = DockerEndpoint.resolve(target, env, home);
    DockerConnection connection =
        DockerConnection.open(endpoint, configFolder(env, home), responseTimeout, maxConnections);
    return new DockerHostDriver(connection, true, new DockerListing(connection, runVolumes));
  }

  /**
   * The docker CLI's config folder (registry credentials for pulls), as the docker CLI finds it.
   */
  static String configFolder(Map<String, String> env, String home) {
    return env.getOrDefault("DOCKER_CONFIG", Path.of(home, ".docker").toString());
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
    ImagePuller.pull(connection.client(), image, progress, endpoint);
  }

  @Override
  public Optional<String> imageId(String image) {
    return connection
        .getJson("/images/" + image + "/json")
        .map(json -> json.path("Id").asText(""))
        .filter(id -> !id.isEmpty());
  }

  @Override
  public Optional<ContainerIdentity> containerIdentity(String name) {
    return connection
        .getJson("/containers/" + name + "/json")
        .map(
            json -> {
              JsonNode hash = json.path("Config").path("Labels").get(Labels.CONFIG_HASH);
              return new ContainerIdentity(
                  json.path("Id").asText(""),
                  json.path("Image").asText(""),
                  hash == null || hash.isNull() ? null : hash.asText());
            });
  }

  @Override
  public Map<String, String> imageLabels(String image) {
    Map<String, String> labels = new TreeMap<>();
    connection
        .getJson("/images/" + image + "/json")
        .ifPresent(
            json ->
                json.path("Config")
                    .path("Labels")
                    .properties()
                    .forEach(e -> labels.put(e.getKey(), e.getValue().asText())));
    return labels;
  }

  @Override
  public void createNetwork(
      String deployment, NetworkResource network, java.util.Map<String, String> extraLabels) {
    shared.createNetwork(deployment, network, extraLabels);
  }

  @Override
  public void removeNetwork(String name) {
    shared.removeNetwork(name);
  }

  @Override
  public void createVolume(
      String deployment, VolumeResource volume, java.util.Map<String, String> extraLabels) {
    shared.createVolume(deployment, volume, extraLabels);
  }

  @Override
  public void removeVolume(String name) {
    shared.removeVolume(name);
  }

  @Override
  public Optional<Map<String, String>> volumeLabels(String name) {
    return shared.volumeLabels(name);
  }

  @Override
  public List<VolumeUser> volumeUsers(String name) {
    return shared.volumeUsers(name);
  }

  @Override
  public void createContainer(
      String deployment,
      ContainerResource spec,
      String name,
      String configHash,
      Map<String, String> extraLabels) {
    commands.createContainer(deployment, spec, name, configHash, extraLabels);
  }

  @Override
  public void startContainer(String name) {
    commands.startContainer(name);
  }

  @Override
  public void stopContainer(String name, int timeoutSeconds) {
    commands.stopContainer(name, timeoutSeconds);
  }

  @Override
  public void removeContainer(String name) {
    commands.removeContainer(name);
  }

  @Override
  public void renameContainer(String from, String to) {
    commands.renameContainer(from, to);
  }

  @Override
  public void setRestartPolicy(String name, String policy) {
    commands.setRestartPolicy(name, policy);
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
  public void logs(
      String container,
      dev.provision.driver.LogRequest request,
      Consumer<byte[]> chunks,
      java.util.function.BooleanSupplier stopped) {
    logs.stream(container, request, chunks, stopped);
  }

  @Override
  public ExecResult exec(String container, List<String> command) {
    return io.exec(container, command, java.util.Map.of());
  }

  @Override
  public ExecResult exec(
      String container, List<String> command, java.util.Map<String, String> env) {
    return io.exec(container, command, env);
  }

  @Override
  public Optional<byte[]> readFile(String container, String path) {
    return io.readFile(container, path);
  }

  @Override
  public void copyOut(String container, String path, java.io.OutputStream out) {
    archives.copyOut(container, path, out);
  }

  @Override
  public void copyIn(String container, String path, java.io.InputStream tar) {
    archives.copyIn(container, path, tar);
  }

  @Override
  public int runHelper(dev.provision.driver.HelperRun run) {
    return archives.runHelper(run);
  }

  /**
   * For a local engine, the published address itself (127.0.0.1 when published on all addresses);
   * for a {@code tcp://} engine, the engine's host name with the published port (so a port
   * published on the remote host's 127.0.0.1 only is not reachable this way: reaching it needs a
   * tunnel, which is what the SSH target is for).
   */
  @Override
  public URI endpoint(PortBinding binding) {
    String host =
        connection.endpoint().local() ? binding.hostIp() : connection.endpoint().host().getHost();
    if (host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    }
    return binding.httpUrl(host);
  }

  @Override
  public Optional<String> createLock(String deployment, LockHolder holder, Instant expires) {
    return locks.create(deployment, holder, expires);
  }

  @Override
  public Optional<LockRecord> readLock(String deployment) {
    return locks.read(deployment);
  }

  @Override
  public boolean lockNameTakenByOther(String deployment) {
    return locks.takenByOther(deployment);
  }

  @Override
  public boolean renewLock(String deployment, String lockId, Instant expires, String step) {
    return locks.renew(lockId, expires, step);
  }

  @Override
  public void removeLock(String deployment, String lockId) {
    locks.remove(lockId);
  }

  /** The open connection, for checks that need the engine's raw answers. */
  DockerConnection connection() {
    return connection;
  }

  @Override
  public void close() {
    if (owned) {
      connection.close();
    }
  }
}
