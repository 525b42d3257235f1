package dev.provision.driver.ssh;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.ContainerState;
import dev.provision.driver.ExecResult;
import dev.provision.driver.HostDriver;
import dev.provision.driver.LockHolder;
import dev.provision.driver.LockRecord;
import dev.provision.driver.docker.DockerHostDriver;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.PortBinding;
import dev.provision.model.Target;
import dev.provision.model.VolumeResource;
import dev.provision.observe.ObservedState;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import net.schmizz.sshj.SSHClient;

/**
 * A {@link HostDriver} for a server reached over SSH (sshj). It does not speak Docker itself: the
 * server's engine is reached through {@link DialStdioTunnel} ({@code docker system dial-stdio}, as
 * the docker CLI does for {@code ssh://} hosts) and every container call is delegated to a {@link
 * DockerHostDriver} on that tunnel. Published ports are reached through {@link PortForwards}. The
 * server needs sshd, a docker client, and a user that may use the Docker socket.
 */
public final class SshHostDriver implements HostDriver {
  private final String who;
  private final SSHClient ssh;
  private final DialStdioTunnel tunnel;
  private final PortForwards forwards;
  private final DockerHostDriver docker;

  private SshHostDriver(
      String who,
      SSHClient ssh,
      DialStdioTunnel tunnel,
      PortForwards forwards,
      DockerHostDriver docker) {
    this.who = who;
    this.ssh = ssh;
    this.tunnel = tunnel;
    this.forwards = forwards;
    this.docker = docker;
  }

  /**
   * Connects to {@code target}, checks the server's docker, and opens the engine tunnel. {@code
   * env} supplies DOCKER_CONFIG for pulls; the DOCKER_HOST and TLS variables are ignored (the
   * tunnel is the engine). Fails with a {@link ProvisionException} saying what to fix.
   */
  public static SshHostDriver connect(Target.Ssh target, Map<String, String> env) {
    String who = SshConnector.describe(target);
    SSHClient ssh = SshConnector.connect(target, System.getProperty("user.home"));
    DialStdioTunnel tunnel = null;
    try {
      RemoteDockerCheck.run(ssh, who, target.user());
      tunnel = DialStdioTunnel.open(ssh);
      Map<String, String> dockerEnv = new HashMap<>(env);
      dockerEnv.remove("DOCKER_HOST");
      dockerEnv.remove("DOCKER_TLS_VERIFY");
      dockerEnv.remove("DOCKER_CERT_PATH");
      DockerHostDriver docker =
          DockerHostDriver.connect(
              new Target.Docker("tcp://127.0.0.1:" + tunnel.port(), null, false), dockerEnv);
      return new SshHostDriver(who, ssh, tunnel, new PortForwards(ssh, who), docker);
    } catch (IOException e) {
      closeAll(tunnel, ssh);
      throw ProvisionException.of(
          "cannot open a local port for the Docker tunnel to " + who + ": " + e.getMessage(),
          "check that this machine may listen on a loopback port");
    } catch (RuntimeException e) {
      closeAll(tunnel, ssh);
      throw e;
    }
  }

  private static void closeAll(DialStdioTunnel tunnel, SSHClient ssh) {
    if (tunnel != null) {
      tunnel.close();
    }
    SshConnector.closeQuietly(ssh);
  }

  @Override
  public String describe() {
    return who;
  }

  @Override
  public ObservedState observe(String deployment) {
    return docker.observe(deployment);
  }

  @Override
  public boolean hasImage(String image) {
    return docker.hasImage(image);
  }

  @Override
  public void pullImage(String image, Consumer<String> progress) {
    docker.pullImage(image, progress);
  }

  @Override
  public Map<String, String> imageLabels(String image) {
    return docker.imageLabels(image);
  }

  @Override
  public void createNetwork(
      String deployment, NetworkResource network, java.util.Map<String, String> extraLabels) {
    docker.createNetwork(deployment, network, extraLabels);
  }

  @Override
  public void removeNetwork(String name) {
    docker.removeNetwork(name);
  }

  @Override
  public void createVolume(
      String deployment, VolumeResource volume, java.util.Map<String, String> extraLabels) {
    docker.createVolume(deployment, volume, extraLabels);
  }

  @Override
  public void removeVolume(String name) {
    docker.removeVolume(name);
  }

  @Override
  public void createContainer(
      String deployment,
      ContainerResource spec,
      String name,
      String configHash,
      java.util.Map<String, String> extraLabels) {
    docker.createContainer(deployment, spec, name, configHash, extraLabels);
  }

  @Override
  public Optional<java.util.Map<String, String>> volumeLabels(String name) {
    return docker.volumeLabels(name);
  }

  @Override
  public List<dev.provision.driver.VolumeUser> volumeUsers(String name) {
    return docker.volumeUsers(name);
  }

  @Override
  public void startContainer(String name) {
    docker.startContainer(name);
  }

  @Override
  public void stopContainer(String name, int timeoutSeconds) {
    docker.stopContainer(name, timeoutSeconds);
  }

  @Override
  public void removeContainer(String name) {
    docker.removeContainer(name);
  }

  @Override
  public void renameContainer(String from, String to) {
    docker.renameContainer(from, to);
  }

  @Override
  public void setRestartPolicy(String name, String policy) {
    docker.setRestartPolicy(name, policy);
  }

  @Override
  public Optional<ContainerState> inspectContainer(String name) {
    return docker.inspectContainer(name);
  }

  @Override
  public List<String> logTail(String name, int lines) {
    return docker.logTail(name, lines);
  }

  @Override
  public ExecResult exec(String container, List<String> command) {
    return docker.exec(container, command);
  }

  @Override
  public ExecResult exec(
      String container, List<String> command, java.util.Map<String, String> env) {
    return docker.exec(container, command, env);
  }

  @Override
  public Optional<byte[]> readFile(String container, String path) {
    return docker.readFile(container, path);
  }

  @Override
  public Optional<String> createLock(String deployment, LockHolder holder, Instant expires) {
    return docker.createLock(deployment, holder, expires);
  }

  @Override
  public Optional<LockRecord> readLock(String deployment) {
    return docker.readLock(deployment);
  }

  @Override
  public boolean renewLock(String deployment, String lockId, Instant expires, String step) {
    return docker.renewLock(deployment, lockId, expires, step);
  }

  @Override
  public void removeLock(String deployment, String lockId) {
    docker.removeLock(deployment, lockId);
  }

  /** A tunnel from this machine's loopback to the port published on the server (one per port). */
  @Override
  public URI endpoint(PortBinding binding) {
    return forwards.uri(binding);
  }

  @Override
  public void close() {
    try {
      docker.close();
    } finally {
      forwards.close();
      closeAll(tunnel, ssh);
    }
  }
}
