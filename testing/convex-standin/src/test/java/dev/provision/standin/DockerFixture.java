package dev.provision.standin;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Integration-test helper around docker-java: runs containers from LOCAL images only (it never
 * pulls), names them {@code pt-infra-*}, labels them, publishes ports on 127.0.0.1 at random host
 * ports, and removes everything it made on {@link #close()}. Not a general container library.
 */
final class DockerFixture implements AutoCloseable {
  static final String LABEL = "dev.provision.test";
  private final DockerClient docker;
  private final String run = "pt-infra-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> containers = new ArrayList<>();
  private final List<String> volumes = new ArrayList<>();
  private final List<String> networks = new ArrayList<>();

  DockerFixture() {
    DockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withApiVersion(System.getProperty("api.version", "1.41"))
            .build();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .connectionTimeout(Duration.ofSeconds(10))
            .responseTimeout(Duration.ofSeconds(60))
            .build();
    docker = DockerClientImpl.getInstance(config, http);
  }

  /** Fails at once, with what to do, when the image is not on this machine. */
  void requireImage(String image) {
    try {
      docker.inspectImageCmd(image).exec();
    } catch (NotFoundException e) {
      throw new AssertionError(
          "image "
              + image
              + " is not on this machine and is never pulled: "
              + "run `bash testing/setup.sh` (or pull it yourself where a registry is reachable)");
    }
  }

  /** Whether the local image carries {@code label=true}, as the stand-ins carry their label. */
  boolean imageLabelled(String image, String label) {
    Map<String, String> labels = docker.inspectImageCmd(image).exec().getConfig().getLabels();
    return labels != null && "true".equals(labels.get(label));
  }

  /** A fresh name with this run's prefix, e.g. {@code pt-infra-1a2b3c4d-pg}. */
  String name(String suffix) {
    return run + "-" + suffix;
  }

  String volume(String suffix) {
    String name = name(suffix);
    docker.createVolumeCmd().withName(name).withLabels(Map.of(LABEL, run)).exec();
    volumes.add(name);
    return name;
  }

  String network(String suffix) {
    String name = name(suffix);
    docker.createNetworkCmd().withName(name).withLabels(Map.of(LABEL, run)).exec();
    networks.add(name);
    return name;
  }

  /** What to run: image, env, an optional volume mount and network, ports to publish. */
  record Run(
      String image,
      String name,
      List<String> env,
      String volume,
      String mountPath,
      String network,
      List<Integer> ports) {}

  /** Creates and starts a container; returns its id. */
  String start(Run r) {
    List<PortBinding> bindings = new ArrayList<>();
    List<ExposedPort> exposed = new ArrayList<>();
    for (int port : r.ports()) {
      ExposedPort e = ExposedPort.tcp(port);
      exposed.add(e);
      bindings.add(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), e));
    }
    HostConfig host = HostConfig.newHostConfig().withPortBindings(bindings);
    if (r.volume() != null) {
      host.withBinds(new Bind(r.volume(), new Volume(r.mountPath())));
    }
    if (r.network() != null) {
      host.withNetworkMode(r.network());
    }
    CreateContainerCmd create =
        docker
            .createContainerCmd(r.image())
            .withName(r.name())
            .withLabels(Map.of(LABEL, run))
            .withEnv(r.env())
            .withExposedPorts(exposed)
            .withHostConfig(host);
    String id = create.exec().getId();
    containers.add(id);
    docker.startContainerCmd(id).exec();
    return id;
  }

  /** The 127.0.0.1 host port published for {@code containerPort}. */
  int hostPort(String id, int containerPort) {
    Ports.Binding[] b =
        docker
            .inspectContainerCmd(id)
            .exec()
            .getNetworkSettings()
            .getPorts()
            .getBindings()
            .get(ExposedPort.tcp(containerPort));
    return Integer.parseInt(b[0].getHostPortSpec());
  }

  boolean running(String id) {
    return Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning());
  }

  /** The exit code once the container stopped by itself, waiting at most {@code timeout}. */
  int awaitExit(String id, Duration timeout) {
    return docker
        .waitContainerCmd(id)
        .start()
        .awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops with the image's stop signal and a grace period; returns the exit code. */
  int stop(String id, int graceSeconds) {
    docker.stopContainerCmd(id).withTimeout(graceSeconds).exec();
    return docker.inspectContainerCmd(id).exec().getState().getExitCodeLong().intValue();
  }

  /** Runs a command in the container; returns its output (stdout and stderr). */
  String exec(String id, String... cmd) throws InterruptedException {
    String exec =
        docker
            .execCreateCmd(id)
            .withCmd(cmd)
            .withAttachStdout(true)
            .withAttachStderr(true)
            .exec()
            .getId();
    Collector out = docker.execStartCmd(exec).exec(new Collector());
    out.awaitCompletion(60, TimeUnit.SECONDS);
    return out.text();
  }

  /** Runs a command in the container; returns its exit code. */
  int execStatus(String id, String... cmd) throws InterruptedException {
    String exec =
        docker
            .execCreateCmd(id)
            .withCmd(cmd)
            .withAttachStdout(true)
            .withAttachStderr(true)
            .exec()
            .getId();
    docker.execStartCmd(exec).exec(new Collector()).awaitCompletion(60, TimeUnit.SECONDS);
    return docker.inspectExecCmd(exec).exec().getExitCodeLong().intValue();
  }

  String logs(String id) throws InterruptedException {
    Collector out =
        docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new Collector());
    out.awaitCompletion(30, TimeUnit.SECONDS);
    return out.text();
  }

  /** Removes every container, volume and network this fixture made (best effort). */
  @Override
  public void close() throws Exception {
    for (String id : containers) {
      quietly(() -> docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec());
    }
    for (String v : volumes) {
      quietly(() -> docker.removeVolumeCmd(v).exec());
    }
    for (String n : networks) {
      quietly(() -> docker.removeNetworkCmd(n).exec());
    }
    docker.close();
  }

  private static void quietly(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException ignored) {
      // Already gone; nothing to clean.
    }
  }

  /** Collects a multiplexed stream as text. */
  private static final class Collector extends ResultCallback.Adapter<Frame> {
    private final StringBuilder text = new StringBuilder();

    @Override
    public void onNext(Frame frame) {
      synchronized (text) {
        text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
      }
    }

    String text() {
      synchronized (text) {
        return text.toString();
      }
    }
  }
}
