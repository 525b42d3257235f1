package dev.provision.driver.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.ContainerIdentity;
import dev.provision.driver.ContainerState;
import dev.provision.driver.ExecResult;
import dev.provision.driver.HelperRun;
import dev.provision.driver.HostDriver;
import dev.provision.driver.Labels;
import dev.provision.driver.LockHolder;
import dev.provision.driver.LockRecord;
import dev.provision.driver.LogRequest;
import dev.provision.driver.VolumeUser;
import dev.provision.driver.docker.DockerConnection;
import dev.provision.driver.docker.DockerEndpoint;
import dev.provision.driver.docker.DockerHostDriver;
import dev.provision.live.ObservedState;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.PortBinding;
import dev.provision.model.Target;
import dev.provision.model.VolumeResource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A {@link HostDriver} for a Docker Swarm, reached through a manager's API, so the planner and
 * executor drive a swarm unchanged. A "container" NAME is a replicated service with one replica
 * when started and none when stopped ({@link ServiceSpecs}); a rename moves the label provision
 * knows it by ({@link SwarmLabels#NAME}); stateful services are pinned to the deployment's data
 * node ({@link SwarmNodes}); a file of this machine a container mounts reaches it as a Swarm secret
 * ({@link SwarmFiles}); the lock is a Swarm config ({@link SwarmLocks}).
 *
 * <p>Where each method works: everything works through the manager's Swarm API alone. Images are
 * the manager's ({@link #hasImage}, {@link #pullImage}): each node needs the image itself. Methods
 * that reach into a task's container ({@link #exec}, {@link #readFile}, {@link #copyIn}, {@link
 * #copyOut}) use its container directly when it is on the manager; on another node a one-shot
 * helper service beside it does the work ({@link RemoteTasks}), as {@link #runHelper} does for a
 * helper that mounts volumes of a worker. Volume removal works only on the manager: the manager's
 * API has no way to delete a volume on another node ({@link #volumeOutOfReach}).
 */
public final class SwarmHostDriver implements HostDriver {
  private final DockerConnection connection;
  private final DockerHostDriver manager;
  private final SwarmApi api;
  private final SwarmNodes nodes;
  private final SwarmServices services;
  private final SwarmVolumes volumes;
  private final SwarmLocks locks;
  private final SwarmTasks tasks;
  private final SwarmFiles files;
  private final TaskReach reach;
  private final String managerName;

  private SwarmHostDriver(
      DockerConnection connection, String node, String managerName, Consumer<String> checkpoint) {
    this.connection = connection;
    this.managerName = managerName;
    this.manager = DockerHostDriver.over(connection);
    this.api = new SwarmApi(connection);
    this.nodes = SwarmNodes.open(api, node);
    this.services = new SwarmServices(api, nodes);
    this.volumes = new SwarmVolumes(api, nodes, manager);
    this.locks = new SwarmLocks(api);
    this.tasks = new SwarmTasks(api, nodes, services, manager);
    this.files = new SwarmFiles(api);
    HelperServices helpers = new HelperServices(api, java.time.Clock.systemUTC(), checkpoint);
    this.reach = new TaskReach(nodes, services, volumes, tasks, manager, helpers);
  }

  /**
   * Connects to a swarm manager.
   *
   * @param dockerHost the manager's engine ({@code unix://} or {@code tcp://}), null for the
   *     environment's (DOCKER_HOST, else the local socket)
   * @param tlsCertPath the TLS certificate folder for a {@code tcp://} manager, or null
   * @param tlsVerify whether to use TLS (as {@code target.docker.tlsVerify})
   * @param node the node that holds stateful services (a node's hostname or id), null for the
   *     manager the driver talks to
   */
  public static SwarmHostDriver open(
      String dockerHost, String tlsCertPath, boolean tlsVerify, String node) {
    Target.Docker engine = new Target.Docker(dockerHost, tlsCertPath, tlsVerify);
    return connect(engine, System.getenv(), null, 20, node, null, point -> {});
  }

  /**
   * Connects to the manager at {@code engine} ({@code env} supplies DOCKER_HOST when it names none,
   * and DOCKER_CONFIG), with a read timeout on every call ({@code responseTimeout}, null for none)
   * and at most {@code maxConnections} connections: the SSH target passes its tunnel's loopback
   * port here. {@code managerName} is how {@link #describe()} names the manager (the SSH login
   * rather than the tunnel's port); null for the engine's address. {@code checkpoint} is called at
   * the driver's test-only pause points ({@link HelperServices#COPY_OUT_POINT}; the CLI passes its
   * {@code TestHooks}) and may block there.
   */
  public static SwarmHostDriver connect(
      Target.Docker engine,
      Map<String, String> env,
      Duration responseTimeout,
      int maxConnections,
      String node,
      String managerName,
      Consumer<String> checkpoint) {
    String home = System.getProperty("user.home");
    DockerEndpoint endpoint = DockerEndpoint.resolve(engine, env, home);
    String config = env.getOrDefault("DOCKER_CONFIG", Path.of(home, ".docker").toString());
    DockerConnection connection =
        DockerConnection.open(endpoint, config, responseTimeout, maxConnections);
    try {
      return new SwarmHostDriver(
          connection, node, managerName == null ? endpoint.toString() : managerName, checkpoint);
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public String describe() {
    String api = " (API " + connection.apiVersion();
    return "swarm manager "
        + managerName
        + api
        + ", data on node "
        + nodes.dataNodeName()
        + nodes.dataNodeTrouble().map(state -> ", which is " + state).orElse("")
        + ")";
  }

  /** An error when the data node is down or drained ({@link SwarmNodes#dataNodeProblem}). */
  @Override
  public List<Diagnostic> notes() {
    return nodes.dataNodeProblem().stream().toList();
  }

  /**
   * True when the task's container is on the manager, or the data node is ready to run a helper
   * service beside it ({@link RemoteTasks}); false while that node is down or drained.
   */
  @Override
  public boolean reachesInto(String container) {
    return tasks.localContainerId(container).isPresent() || nodes.dataNodeTrouble().isEmpty();
  }

  /** The host name of the node that holds the deployment's data. */
  public String dataNode() {
    return nodes.dataNodeName();
  }

  @Override
  public ObservedState observe(String deployment) {
    return new SwarmObserver(api, services, volumes, nodes).observe(deployment);
  }

  @Override
  public boolean hasImage(String image) {
    return manager.hasImage(image);
  }

  @Override
  public void pullImage(String image, Consumer<String> progress) {
    manager.pullImage(image, progress);
  }

  @Override
  public Map<String, String> imageLabels(String image) {
    return manager.imageLabels(image);
  }

  @Override
  public Optional<String> imageId(String image) {
    return manager.imageId(image);
  }

  @Override
  public void createNetwork(String deployment, NetworkResource network, Map<String, String> extra) {
    SwarmNetworks.create(api, deployment, network, extra);
  }

  @Override
  public void removeNetwork(String name) {
    SwarmNetworks.remove(api, name);
  }

  @Override
  public void createVolume(String deployment, VolumeResource volume, Map<String, String> extra) {
    volumes.create(deployment, volume, extra);
  }

  @Override
  public void removeVolume(String name) {
    volumes.remove(name);
  }

  @Override
  public Optional<Diagnostic> volumeOutOfReach(String name) {
    return volumes.outOfReach(name);
  }

  @Override
  public Optional<Map<String, String>> volumeLabels(String name) {
    return volumes.labels(name);
  }

  @Override
  public List<VolumeUser> volumeUsers(String name) {
    return volumes.users(name, services);
  }

  @Override
  public void createContainer(
      String deployment,
      ContainerResource spec,
      String name,
      String configHash,
      Map<String, String> extraLabels) {
    if (ServiceSpecs.pinned(spec)) {
      services.requireFree(name);
      nodes.pin(deployment);
    }
    services.create(
        deployment,
        spec,
        name,
        configHash,
        extraLabels,
        volumes.labelsFor(spec),
        files.ensure(deployment, spec));
  }

  @Override
  public void startContainer(String name) {
    services.scale(services.require(name, "starting service"), 1);
    services.awaitStarted(name);
  }

  @Override
  public void stopContainer(String name, int timeoutSeconds) {
    Optional<JsonNode> service = services.find(name);
    if (service.isEmpty()) {
      return;
    }
    services.scale(service.get(), 0);
    services.awaitStopped(name, timeoutSeconds);
  }

  /**
   * Scales the service to 0 and waits for its task to stop first, then removes it and the secrets
   * of the files it mounted ({@link SwarmFiles}); the last pinned service of a deployment takes the
   * node label with it.
   */
  @Override
  public void removeContainer(String name) {
    Optional<JsonNode> service = services.find(name);
    if (service.isEmpty()) {
      return;
    }
    long grace = ServiceDecoder.containerSpec(service.get()).path("StopGracePeriod").asLong(0);
    stopContainer(name, (int) (grace / ServiceSpecs.NANOS));
    services.remove(services.require(name, "removing service"));
    files.removeUnused(service.get());
    nodes.unpinUnlessUsed(ServiceDecoder.labels(service.get()).get(Labels.DEPLOYMENT));
  }

  /**
   * A service cannot be renamed, so this moves the name provision knows it by (a service label: the
   * task keeps running, untouched). The Swarm name stays the one it was created with.
   */
  @Override
  public void renameContainer(String from, String to) {
    JsonNode service = services.require(from, "renaming service");
    if (services.find(to).isPresent()) {
      throw ProvisionException.of(
          "cannot rename service " + from + " to " + to + ": that name is in use",
          "remove " + to + " first (docker service rm), then run apply again");
    }
    services.label(service, SwarmLabels.NAME, to);
  }

  /**
   * Records the Docker-style policy as a label only. Swarm's own restart condition stays {@code
   * on-failure}: a stopped service has no replica to restart, so the crash safety the policy gives
   * on Docker comes from scaling to 0 here, and changing the task template would restart the task.
   */
  @Override
  public void setRestartPolicy(String name, String policy) {
    services.label(
        services.require(name, "setting the restart policy of"), SwarmLabels.RESTART, policy);
  }

  @Override
  public Optional<ContainerState> inspectContainer(String name) {
    return services.find(name).map(s -> ServiceDecoder.state(s, services.tasks(s), nodes.names()));
  }

  @Override
  public Optional<ContainerIdentity> containerIdentity(String name) {
    return services.find(name).map(s -> ServiceDecoder.identity(s, manager));
  }

  @Override
  public List<String> logTail(String name, int lines) {
    return tasks.logTail(name, lines);
  }

  @Override
  public void logs(
      String container, LogRequest request, Consumer<byte[]> chunks, BooleanSupplier stopped) {
    tasks.logs(container, request, chunks, stopped);
  }

  @Override
  public ExecResult exec(String container, List<String> command) {
    return exec(container, command, Map.of());
  }

  /** See {@link TaskReach#exec}. */
  @Override
  public ExecResult exec(String container, List<String> command, Map<String, String> env) {
    return reach.exec(container, command, env);
  }

  @Override
  public Optional<byte[]> readFile(String container, String path) {
    return reach.readFile(container, path);
  }

  @Override
  public void copyOut(String container, String path, java.io.OutputStream out) {
    reach.copyOut(container, path, out);
  }

  @Override
  public void copyIn(String container, String path, java.io.InputStream tar) {
    reach.copyIn(container, path, tar);
  }

  @Override
  public void requireReadyForChanges() {
    nodes.requireDataNodeReady();
  }

  /** See {@link TaskReach#runHelper}. */
  @Override
  public int runHelper(HelperRun run) {
    return reach.runHelper(run);
  }

  /**
   * The data node's address (as the swarm knows it) with the published port: a pinned service
   * publishes in host mode there. Falls back to the manager's host when the node reports none.
   */
  @Override
  public URI endpoint(PortBinding binding) {
    String host = nodes.address(nodes.dataNodeId());
    if (host.isEmpty() || host.equals("0.0.0.0") || host.startsWith("127.")) {
      host = connection.endpoint().local() ? "127.0.0.1" : connection.endpoint().host().getHost();
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

  @Override
  public void close() {
    manager.close();
  }
}
