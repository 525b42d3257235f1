package dev.provision.driver.swarm;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.ContainerState;
import dev.provision.driver.ExecResult;
import dev.provision.driver.HostDriver;
import dev.provision.driver.LockHolder;
import dev.provision.driver.LockRecord;
import dev.provision.driver.LogRequest;
import dev.provision.driver.VolumeUser;
import dev.provision.live.ObservedState;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.PortBinding;
import dev.provision.model.VolumeResource;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A {@link HostDriver} for a Docker Swarm, reached through a manager's API. Skeleton: the signature
 * of {@link #open} is final; the methods are being written.
 */
public final class SwarmHostDriver implements HostDriver {
  private final String dockerHost;

  private SwarmHostDriver(String dockerHost) {
    this.dockerHost = dockerHost;
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
    return new SwarmHostDriver(dockerHost);
  }

  private static ProvisionException todo() {
    return ProvisionException.of("the swarm driver is not complete", "use target.docker");
  }

  @Override
  public String describe() {
    return "swarm " + dockerHost;
  }

  @Override
  public ObservedState observe(String deployment) {
    throw todo();
  }

  @Override
  public boolean hasImage(String image) {
    throw todo();
  }

  @Override
  public void pullImage(String image, Consumer<String> progress) {
    throw todo();
  }

  @Override
  public Map<String, String> imageLabels(String image) {
    throw todo();
  }

  @Override
  public void createNetwork(String deployment, NetworkResource network, Map<String, String> extra) {
    throw todo();
  }

  @Override
  public void removeNetwork(String name) {
    throw todo();
  }

  @Override
  public void createVolume(String deployment, VolumeResource volume, Map<String, String> extra) {
    throw todo();
  }

  @Override
  public void removeVolume(String name) {
    throw todo();
  }

  @Override
  public Optional<Map<String, String>> volumeLabels(String name) {
    throw todo();
  }

  @Override
  public List<VolumeUser> volumeUsers(String name) {
    throw todo();
  }

  @Override
  public void createContainer(
      String deployment,
      ContainerResource spec,
      String name,
      String configHash,
      Map<String, String> extraLabels) {
    throw todo();
  }

  @Override
  public void startContainer(String name) {
    throw todo();
  }

  @Override
  public void stopContainer(String name, int timeoutSeconds) {
    throw todo();
  }

  @Override
  public void removeContainer(String name) {
    throw todo();
  }

  @Override
  public void renameContainer(String from, String to) {
    throw todo();
  }

  @Override
  public void setRestartPolicy(String name, String policy) {
    throw todo();
  }

  @Override
  public Optional<ContainerState> inspectContainer(String name) {
    throw todo();
  }

  @Override
  public List<String> logTail(String name, int lines) {
    throw todo();
  }

  @Override
  public void logs(
      String container, LogRequest request, Consumer<byte[]> chunks, BooleanSupplier stopped) {
    throw todo();
  }

  @Override
  public ExecResult exec(String container, List<String> command) {
    throw todo();
  }

  @Override
  public ExecResult exec(String container, List<String> command, Map<String, String> env) {
    throw todo();
  }

  @Override
  public Optional<byte[]> readFile(String container, String path) {
    throw todo();
  }

  @Override
  public URI endpoint(PortBinding binding) {
    throw todo();
  }

  @Override
  public Optional<String> createLock(String deployment, LockHolder holder, Instant expires) {
    throw todo();
  }

  @Override
  public Optional<LockRecord> readLock(String deployment) {
    throw todo();
  }

  @Override
  public boolean renewLock(String deployment, String lockId, Instant expires, String step) {
    throw todo();
  }

  @Override
  public void removeLock(String deployment, String lockId) {
    throw todo();
  }

  @Override
  public void close() {}
}
