package dev.provision.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Mount;
import dev.provision.model.NetworkResource;
import dev.provision.model.PortBinding;
import dev.provision.model.Value;
import dev.provision.model.VolumeResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every {@link HostDriverContract} case stands on: the hooks a driver's test supplies, a fresh
 * driver and deployment name per test, everything created removed after it, and the specs and waits
 * the cases share.
 */
public abstract class HostDriverFixtures {

  /** A connected driver; one per test, closed after it. */
  protected abstract HostDriver newDriver();

  /** An image present on the host that has {@code sh} and {@code sleep}. */
  protected abstract String image();

  /** A prefix for every name this test creates, unique to the implementation under test. */
  protected abstract String prefix();

  /** Whether containers really run commands (false for an in-memory double). */
  protected boolean runsProcesses() {
    return true;
  }

  /** A folder that exists on the target host, bound read-only into test containers. */
  protected String bindSource() {
    return "/tmp";
  }

  protected HostDriver driver;
  protected String deployment;
  protected final List<String> containers = new ArrayList<>();
  protected final List<String> networks = new ArrayList<>();
  protected final List<String> volumes = new ArrayList<>();

  @BeforeEach
  void openDriver() {
    driver = newDriver();
    deployment = prefix() + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void removeEverything() {
    try {
      ObservedState left = driver.observe(deployment);
      for (ObservedResource r : left.resources().values()) {
        if (r.resource() instanceof ContainerResource c) {
          containers.add(c.name());
        } else if (r.resource() instanceof NetworkResource n) {
          networks.add(n.name());
        } else if (r.resource() instanceof VolumeResource v) {
          volumes.add(v.name());
        }
      }
      containers.forEach(driver::removeContainer);
      networks.forEach(driver::removeNetwork);
      volumes.forEach(driver::removeVolume);
    } finally {
      driver.close();
    }
  }

  /** A name in this test's namespace. */
  protected String name(String part) {
    return deployment + "-" + part;
  }

  /** A command that idles until stopped and stops promptly on SIGTERM. */
  protected List<String> idle() {
    return List.of("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done");
  }

  /** A container on a new network with a volume, a read-only bind, a port, env and a command. */
  protected ContainerResource fullSpec(String part, List<String> command) {
    driver.createNetwork(
        deployment, new NetworkResource(Address.of(Address.Kind.NETWORK, "net"), name("net")));
    networks.add(name("net"));
    driver.createVolume(
        deployment, new VolumeResource(Address.of(Address.Kind.VOLUME, "data"), name("data")));
    volumes.add(name("data"));
    TreeMap<String, Value> env = new TreeMap<>();
    env.put("PLAIN", Value.plain("visible"));
    env.put("SECRET_TOKEN", Value.secret("s3cr3t-value"));
    containers.add(name(part));
    return new ContainerResource(
        Address.of(Address.Kind.CONTAINER, part),
        name(part),
        image(),
        env,
        List.of(new PortBinding("127.0.0.1", freePort(), 8080)),
        List.of(Mount.volume(name("data"), "/data"), Mount.bindReadOnly(bindSource(), "/mnt/host")),
        name("net"),
        part,
        command,
        "unless-stopped",
        "SIGTERM",
        7,
        null,
        List.of(),
        null);
  }

  /** A container with nothing but an image, a command and a restart policy. */
  protected ContainerResource simpleSpec(String part, List<String> command, String restart) {
    containers.add(name(part));
    containers.add(name(part) + "-next");
    return new ContainerResource(
        Address.of(Address.Kind.CONTAINER, part),
        name(part),
        image(),
        new TreeMap<>(),
        List.of(),
        List.of(),
        null,
        null,
        command,
        restart,
        "SIGTERM",
        5,
        null,
        List.of(),
        null);
  }

  protected String started(ContainerResource spec) {
    driver.createContainer(deployment, spec, spec.name(), "h");
    driver.startContainer(spec.name());
    return spec.name();
  }

  protected static ContainerResource container(ObservedState state, Address address) {
    assertThat(state.resources()).containsKey(address);
    return (ContainerResource) state.resources().get(address).resource();
  }

  /** Polls until the container has stopped (a deadline, not a fixed wait). */
  protected void awaitStopped(String name) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ContainerState> state = driver.inspectContainer(name);
      if (state.isPresent() && !state.get().running()) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + name, e);
      }
    }
    throw new AssertionError(name + " did not stop within 30s");
  }

  /** A loopback port free right now, so tests never ask for a fixed one ({@link FreePorts}). */
  protected static int freePort() {
    return dev.provision.testing.FreePorts.pick();
  }
}
