package dev.provision.driver.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.ContainerState;
import dev.provision.driver.ExecResult;
import dev.provision.driver.HelperRun;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Mount;
import dev.provision.model.NetworkResource;
import dev.provision.model.PortBinding;
import dev.provision.model.VolumeResource;
import dev.provision.testing.SwarmCluster;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a real three-node swarm with the data node set to a worker: the stateful service runs on that
 * node only (the node label is on it alone), its port answers at that node's address, commands,
 * file copies and helpers reach it there through helper services (none is left), and volume
 * removal, which the manager's API cannot do there, fails saying so.
 */
class SwarmPinningIT {
  private static final String BASE = "provision-test/base:latest";
  private static final String LISTENER =
      "perl -MIO::Socket::INET -e '$s=IO::Socket::INET->new(LocalPort=>7000,Listen=>5,ReuseAddr=>1)"
          + " or die; while($c=$s->accept){print $c \"hello-from-data\\n\"; close $c}'";
  private static final String DEP = "ptpin" + Long.toHexString(System.nanoTime() & 0xffffff);
  private static SwarmCluster cluster;
  private static SwarmHostDriver driver;

  @BeforeAll
  static void start() {
    SwarmCluster.unavailable().ifPresent(why -> Assumptions.abort(why));
    cluster = SwarmCluster.start(3, List.of(BASE));
    driver =
        SwarmHostDriver.open(
            cluster.manager().dockerHost(), null, false, cluster.node(1).hostname());
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theStatefulServiceRunsOnTheDataNodeOnly() throws Exception {
    NetworkResource net =
        new NetworkResource(Address.of(Address.Kind.NETWORK, "net"), DEP + "-net");
    VolumeResource data =
        new VolumeResource(Address.of(Address.Kind.VOLUME, "data"), DEP + "-data");
    ContainerResource store =
        new ContainerResource(
            Address.of(Address.Kind.CONTAINER, "store"),
            DEP + "-store",
            BASE,
            new TreeMap<>(),
            List.of(new PortBinding("0.0.0.0", 7000, 7000)),
            List.of(Mount.volume(data.name(), "/data")),
            net.name(),
            "store",
            List.of("bash", "-c", LISTENER),
            "unless-stopped",
            null,
            5,
            null,
            List.of(),
            null);
    driver.createNetwork(DEP, net);
    driver.createVolume(DEP, data);
    driver.createContainer(DEP, store, store.name(), "h1");
    driver.startContainer(store.name());
    ContainerState state = driver.inspectContainer(store.name()).orElseThrow();
    assertThat(state.running()).isTrue();
    assertThat(state.node()).contains(cluster.node(1).hostname());
    for (int i = 0; i < 3; i++) {
      assertThat(
              cluster
                  .docker(
                      0,
                      "node",
                      "inspect",
                      cluster.node(i).swarmNodeId(),
                      "-f",
                      "{{index .Spec.Labels \"dev.provision.node." + DEP + "\"}}")
                  .strip())
          .isEqualTo(i == 1 ? "data" : "");
    }
    URI endpoint = driver.endpoint(new PortBinding("0.0.0.0", 7000, 7000));
    assertThat(endpoint.getHost()).isEqualTo(cluster.node(1).address());
    assertThat(readLine(endpoint.getHost(), endpoint.getPort())).isEqualTo("hello-from-data");
    assertThat(driver.volumeLabels(data.name()).orElseThrow())
        .containsEntry("dev.provision.address", "volume.data");
    assertThat(driver.observe(DEP).resources().keySet())
        .containsExactlyInAnyOrder(net.address(), data.address(), store.address());

    reachesIntoTheWorkerThroughHelperServices(store, data);
    driver.removeContainer(store.name());
    assertThat(driver.inspectContainer(store.name())).isEmpty();
    assertThatThrownBy(() -> driver.removeVolume(data.name()))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining(cluster.node(1).hostname());
    driver.removeNetwork(net.name());
  }

  /**
   * exec, the file copies and a helper that mounts the worker's volume all work through helper
   * services, and leave none behind.
   */
  private static void reachesIntoTheWorkerThroughHelperServices(
      ContainerResource store, VolumeResource data) throws Exception {
    assertThat(driver.reachesInto(store.name())).isTrue();
    assertThat(driver.exec(store.name(), List.of("sh", "-c", "echo out; echo err >&2; exit 3")))
        .isEqualTo(new ExecResult(3, "out\n", "err\n"));
    assertThat(driver.exec(store.name(), List.of("sh", "-c", "echo $X"), Map.of("X", "y")))
        .isEqualTo(new ExecResult(0, "y\n", ""));
    assertThat(driver.exec(store.name(), List.of("no-such-tool")).exitCode()).isEqualTo(127);

    String helper = DEP + "-helper";
    HelperRun write =
        new HelperRun(
            helper,
            BASE,
            List.of("sh", "-c", "echo written-on-the-worker > /data/f; echo done"),
            Map.of(data.name(), "/data"),
            Map.of(),
            null,
            null,
            null);
    assertThat(driver.runHelper(write)).isZero();
    assertThat(driver.logTail(helper, 5)).containsExactly("done");
    driver.removeContainer(helper);
    assertThat(driver.inspectContainer(helper)).isEmpty();

    assertThat(driver.readFile(store.name(), "/data/f"))
        .contains("written-on-the-worker\n".getBytes(StandardCharsets.UTF_8));
    assertThat(driver.readFile(store.name(), "/data/none")).isEmpty();
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    driver.copyOut(store.name(), "/data/f", tar);
    assertThat(driver.exec(store.name(), List.of("rm", "/data/f")).exitCode()).isZero();
    assertThat(driver.readFile(store.name(), "/data/f")).isEmpty();
    driver.copyIn(store.name(), "/data/again", new ByteArrayInputStream(tar.toByteArray()));
    assertThat(driver.readFile(store.name(), "/data/again/f"))
        .contains("written-on-the-worker\n".getBytes(StandardCharsets.UTF_8));

    String helpers = "label=" + SwarmLabels.HELPER;
    assertThat(cluster.docker(0, "service", "ls", "-q", "--filter", helpers)).isBlank();
    assertThat(cluster.docker(0, "config", "ls", "-q", "--filter", helpers)).isBlank();
  }

  private static String readLine(String host, int port) throws Exception {
    Exception last = null;
    for (int i = 0; i < 60; i++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 2000);
        socket.setSoTimeout(2000);
        return new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
      } catch (java.io.IOException e) {
        last = e;
        Thread.sleep(500);
      }
    }
    throw last;
  }
}
