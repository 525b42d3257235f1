package dev.provision.driver.ssh;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.ContainerState;
import dev.provision.driver.ExecResult;
import dev.provision.driver.HostDriver;
import dev.provision.driver.LockHolder;
import dev.provision.driver.LockRecord;
import dev.provision.driver.docker.DockerHostDriver;
import dev.provision.live.ObservedState;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.PortBinding;
import dev.provision.model.Target;
import dev.provision.model.VolumeResource;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link HostDriver} for a server reached over SSH (sshj). It does not speak Docker itself: the
 * server's engine is reached through {@link DialStdioTunnel} ({@code docker system dial-stdio}, as
 * the docker CLI does for {@code ssh://} hosts) and every call is delegated to a driver on that
 * tunnel: a {@link DockerHostDriver} ({@code target.ssh}) or a {@link
 * dev.provision.driver.swarm.SwarmHostDriver} when the server is a Swarm manager ({@code
 * target.swarm.ssh}). Published ports are reached through {@link PortForwards}, to where the inner
 * driver says they are as seen from the server. The server needs sshd, a docker client, and a user
 * that may use the Docker socket.
 */
public final class SshHostDriver implements HostDriver {
  private final SharedConnections<SshConnections.Key, SshConnections.Shared>.Lease lease;
  private final DialStdioTunnel tunnel;
  private final PortForwards forwards;
  private final TunnelledDriver inner;
  private final HostDriver docker;

  private final SshLink link;
  private final List<Diagnostic> notes;
  private final boolean owned;

  /**
   * @param owned whether closing this driver closes the tunnel, its engine driver and its share of
   *     the SSH connection (false: the deployments of one run share them, and their owner closes
   *     them; this driver closes its port forwards only)
   */
  SshHostDriver(
      SharedConnections<SshConnections.Key, SshConnections.Shared>.Lease lease,
      DialStdioTunnel tunnel,
      PortForwards forwards,
      TunnelledDriver inner,
      SshLink link,
      List<Diagnostic> notes,
      boolean owned) {
    this.owned = owned;
    this.notes = notes;
    this.lease = lease;
    this.tunnel = tunnel;
    this.forwards = forwards;
    this.inner = inner;
    this.docker = inner.driver();
    this.link = link;
  }

  /**
   * Connects to {@code target}, checks the server's docker, and opens the engine tunnel. {@code
   * env} supplies DOCKER_CONFIG for pulls; the DOCKER_HOST and TLS variables are ignored (the
   * tunnel is the engine). Fails with a {@link ProvisionException} saying what to fix.
   */
  public static SshHostDriver connect(Target.Ssh target, Map<String, String> env) {
    return connect(target, env, SshSettings.DEFAULT);
  }

  /** As {@link #connect(Target.Ssh, Map)} with the keepalive and timeouts of {@code settings}. */
  public static SshHostDriver connect(
      Target.Ssh target, Map<String, String> env, SshSettings settings) {
    return connect(target, env, settings, PassphrasePrompt.NONE);
  }

  /**
   * As {@link #connect(Target.Ssh, Map, SshSettings)}; {@code env} also supplies SSH_AUTH_SOCK
   * (ssh-agent), SSH_ASKPASS and the passphrase variable, and {@code prompt} asks for a passphrase
   * when none of them has it.
   */
  public static SshHostDriver connect(
      Target.Ssh spec, Map<String, String> env, SshSettings settings, PassphrasePrompt prompt) {
    return SshTunnelOpening.open(spec, env, settings, prompt, TunnelledDriver.docker(settings));
  }

  /**
   * A Docker Swarm whose manager is reached over SSH ({@code target.swarm.ssh}): the same login,
   * keepalive and tunnel as {@link #connect(Target.Ssh, Map, SshSettings, PassphrasePrompt)}, a
   * {@link dev.provision.driver.swarm.SwarmHostDriver} on the tunnel, and each published port
   * forwarded to the address the Swarm driver gives (the data node's, as the manager sees it).
   */
  public static SshHostDriver connectSwarm(
      Target.Swarm swarm, Map<String, String> env, SshSettings settings, PassphrasePrompt prompt) {
    return SshTunnelOpening.open(
        swarm.ssh(), env, settings, prompt, TunnelledDriver.swarm(swarm, settings));
  }

  /**
   * Whether the SSH transport is still up (false once the keepalive or a check declared it lost).
   */
  boolean connected() {
    return link.alive();
  }

  /** The OpenSSH config's notes, then the inner driver's (a Swarm's data node that is down). */
  @Override
  public List<Diagnostic> notes() {
    List<Diagnostic> all = new java.util.ArrayList<>(notes);
    all.addAll(call(docker::notes));
    return all;
  }

  @Override
  public Optional<Diagnostic> volumeOutOfReach(String name) {
    return call(() -> docker.volumeOutOfReach(name));
  }

  @Override
  public boolean reachesInto(String container) {
    return call(() -> docker.reachesInto(container));
  }

  @Override
  public void requireReadyForChanges() {
    run(docker::requireReadyForChanges);
  }

  @Override
  public Optional<ProvisionException> lostConnection() {
    return link.check();
  }

  @Override
  public java.time.Duration roundTrip() {
    return link.roundTrip();
  }

  private <T> T call(Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      throw link.explain(e);
    }
  }

  private void run(Runnable body) {
    call(
        () -> {
          body.run();
          return null;
        });
  }

  @Override
  public String describe() {
    return inner.description();
  }

  @Override
  public ObservedState observe(String deployment) {
    return call(() -> docker.observe(deployment));
  }

  @Override
  public boolean hasImage(String image) {
    return call(() -> docker.hasImage(image));
  }

  @Override
  public void pullImage(String image, Consumer<String> progress) {
    run(() -> docker.pullImage(image, progress));
  }

  @Override
  public Map<String, String> imageLabels(String image) {
    return call(() -> docker.imageLabels(image));
  }

  @Override
  public Optional<String> imageId(String image) {
    return call(() -> docker.imageId(image));
  }

  @Override
  public Optional<dev.provision.driver.ContainerIdentity> containerIdentity(String name) {
    return call(() -> docker.containerIdentity(name));
  }

  @Override
  public void createNetwork(
      String deployment, NetworkResource network, java.util.Map<String, String> extraLabels) {
    run(() -> docker.createNetwork(deployment, network, extraLabels));
  }

  @Override
  public void removeNetwork(String name) {
    run(() -> docker.removeNetwork(name));
  }

  @Override
  public void createVolume(
      String deployment, VolumeResource volume, java.util.Map<String, String> extraLabels) {
    run(() -> docker.createVolume(deployment, volume, extraLabels));
  }

  @Override
  public void removeVolume(String name) {
    run(() -> docker.removeVolume(name));
  }

  @Override
  public void createContainer(
      String deployment,
      ContainerResource spec,
      String name,
      String configHash,
      java.util.Map<String, String> extraLabels) {
    run(() -> docker.createContainer(deployment, spec, name, configHash, extraLabels));
  }

  @Override
  public Optional<java.util.Map<String, String>> volumeLabels(String name) {
    return call(() -> docker.volumeLabels(name));
  }

  @Override
  public List<dev.provision.driver.VolumeUser> volumeUsers(String name) {
    return call(() -> docker.volumeUsers(name));
  }

  @Override
  public void startContainer(String name) {
    run(() -> docker.startContainer(name));
  }

  @Override
  public void stopContainer(String name, int timeoutSeconds) {
    run(() -> docker.stopContainer(name, timeoutSeconds));
  }

  @Override
  public void removeContainer(String name) {
    run(() -> docker.removeContainer(name));
  }

  @Override
  public void renameContainer(String from, String to) {
    run(() -> docker.renameContainer(from, to));
  }

  @Override
  public void setRestartPolicy(String name, String policy) {
    run(() -> docker.setRestartPolicy(name, policy));
  }

  @Override
  public Optional<ContainerState> inspectContainer(String name) {
    return call(() -> docker.inspectContainer(name));
  }

  @Override
  public List<String> logTail(String name, int lines) {
    return call(() -> docker.logTail(name, lines));
  }

  @Override
  public void logs(
      String container,
      dev.provision.driver.LogRequest request,
      Consumer<byte[]> chunks,
      java.util.function.BooleanSupplier stopped) {
    run(() -> docker.logs(container, request, chunks, stopped));
    // A followed log is read without a response timeout: when its stream ends, it is the
    // container that stopped, or the link that the keepalive declared lost (say which).
    if (request.follow() && !stopped.getAsBoolean()) {
      link.check()
          .ifPresent(
              lost -> {
                throw lost;
              });
    }
  }

  @Override
  public ExecResult exec(String container, List<String> command) {
    return call(() -> docker.exec(container, command));
  }

  @Override
  public ExecResult exec(
      String container, List<String> command, java.util.Map<String, String> env) {
    return call(() -> docker.exec(container, command, env));
  }

  @Override
  public Optional<byte[]> readFile(String container, String path) {
    return call(() -> docker.readFile(container, path));
  }

  @Override
  public void copyOut(String container, String path, java.io.OutputStream out) {
    run(() -> docker.copyOut(container, path, out));
  }

  @Override
  public void copyIn(String container, String path, java.io.InputStream tar) {
    run(() -> docker.copyIn(container, path, tar));
  }

  @Override
  public int runHelper(dev.provision.driver.HelperRun run) {
    return call(() -> docker.runHelper(run));
  }

  @Override
  public Optional<String> createLock(String deployment, LockHolder holder, Instant expires) {
    return call(() -> docker.createLock(deployment, holder, expires));
  }

  @Override
  public Optional<LockRecord> readLock(String deployment) {
    return call(() -> docker.readLock(deployment));
  }

  @Override
  public boolean lockNameTakenByOther(String deployment) {
    return call(() -> docker.lockNameTakenByOther(deployment));
  }

  @Override
  public boolean renewLock(String deployment, String lockId, Instant expires, String step) {
    return call(() -> docker.renewLock(deployment, lockId, expires, step));
  }

  @Override
  public void removeLock(String deployment, String lockId) {
    run(() -> docker.removeLock(deployment, lockId));
  }

  /**
   * A forward from this machine's loopback to where the port is reached from the server (one per
   * address and port): the binding's address on the server for Docker, the data node's for a Swarm.
   */
  @Override
  public URI endpoint(PortBinding binding) {
    return call(
        () -> {
          URI server = inner.server().apply(binding);
          String host = server.getHost();
          return forwards.uri(
              host.startsWith("[") ? host.substring(1, host.length() - 1) : host, server.getPort());
        });
  }

  @Override
  public void close() {
    if (!owned) {
      forwards.close();
      return;
    }
    try {
      docker.close();
    } finally {
      forwards.close();
      SshTunnelOpening.closeAll(tunnel, lease, link);
    }
  }
}
