package dev.provision.driver.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.ContainerState;
import dev.provision.driver.LockHolder;
import dev.provision.driver.LockRecord;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Mount;
import dev.provision.model.NetworkResource;
import dev.provision.model.PortBinding;
import dev.provision.model.Value;
import dev.provision.model.VolumeResource;
import dev.provision.testing.SwarmCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Swarm driver against a real one-node swarm (its own dockerd, see {@link SwarmCluster}) with
 * the backend stand-in loaded: a backend service with a volume is created, started (running, on the
 * manager node, answering /version on its host-mode port), stopped and started again with its data
 * kept, renamed without a restart, observed, locked, and removed without a trace.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmHostDriverIT {
  private static final String BACKEND = "provision-test/convex-backend:latest";
  private static final String BASE = "provision-test/base:latest";
  private static SwarmCluster cluster;
  private static SwarmHostDriver driver;
  private static final String DEP = "ptsw" + Long.toHexString(System.nanoTime() & 0xffffff);
  private static final NetworkResource NET =
      new NetworkResource(Address.of(Address.Kind.NETWORK, "net"), DEP + "-net");
  private static final VolumeResource DATA =
      new VolumeResource(Address.of(Address.Kind.VOLUME, "data"), DEP + "-data");

  static ContainerResource backend() {
    TreeMap<String, Value> env = new TreeMap<>();
    env.put("INSTANCE_SECRET", Value.secret("4361726e6976616c".repeat(4)));
    return new ContainerResource(
        Address.of(Address.Kind.CONTAINER, "backend"),
        DEP + "-backend",
        BACKEND,
        env,
        List.of(new PortBinding("0.0.0.0", 3210, 3210)),
        List.of(Mount.volume(DATA.name(), "/convex/data")),
        NET.name(),
        "backend",
        List.of(),
        "unless-stopped",
        "SIGINT",
        10,
        null,
        List.of(),
        null);
  }

  @BeforeAll
  static void start() {
    SwarmCluster.unavailable().ifPresent(why -> Assumptions.abort(why));
    cluster = SwarmCluster.start(1, List.of(BACKEND, BASE));
    driver = SwarmHostDriver.open(cluster.manager().dockerHost(), null, false, null);
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
  @Order(1)
  void createsAndStartsABackendPinnedToTheDataNode() throws Exception {
    driver.createNetwork(DEP, NET);
    driver.createVolume(DEP, DATA);
    driver.createContainer(DEP, backend(), backend().name(), "h1");
    assertThat(driver.inspectContainer(backend().name()).orElseThrow().running()).isFalse();
    driver.startContainer(backend().name());
    ContainerState state = driver.inspectContainer(backend().name()).orElseThrow();
    assertThat(state.running()).isTrue();
    assertThat(state.node()).contains(cluster.manager().hostname());
    assertThat(cluster.docker(0, "node", "inspect", "self", "-f", "{{json .Spec.Labels}}"))
        .contains("\"dev.provision.node." + DEP + "\":\"data\"");
    URI base = driver.endpoint(new PortBinding("0.0.0.0", 3210, 3210));
    assertThat(base.getHost()).isEqualTo(cluster.manager().address());
    assertThat(get(base.resolve("/version"))).isEqualTo(200);
  }

  @Test
  @Order(2)
  void stopAndStartKeepTheVolumesData() {
    String name = backend().name();
    assertThat(driver.exec(name, List.of("sh", "-c", "echo kept > /convex/data/marker")).ok())
        .isTrue();
    driver.stopContainer(name, 10);
    ContainerState stopped = driver.inspectContainer(name).orElseThrow();
    assertThat(stopped.running()).isFalse();
    driver.startContainer(name);
    assertThat(driver.inspectContainer(name).orElseThrow().running()).isTrue();
    assertThat(driver.readFile(name, "/convex/data/marker").map(String::new)).contains("kept\n");
    assertThat(driver.volumeLabels(DATA.name()).orElseThrow())
        .containsEntry("dev.provision.deployment", DEP);
    assertThat(driver.volumeUsers(DATA.name()))
        .singleElement()
        .satisfies(u -> assertThat(u.name()).isEqualTo(name));
  }

  @Test
  @Order(3)
  void observeFindsEverythingAsCreated() throws Exception {
    ObservedState seen = driver.observe(DEP);
    assertThat(seen.resources().keySet())
        .containsExactlyInAnyOrder(NET.address(), DATA.address(), backend().address());
    ObservedResource backend = seen.resources().get(backend().address());
    assertThat(backend.resource().attributes()).isEqualTo(backend().attributes());
    assertThat(backend.status().running()).isTrue();
    assertThat(backend.appliedHash()).isEqualTo("h1");
    // as readiness would: the stand-in writes its first lines once it serves
    assertThat(get(driver.endpoint(backend().ports().get(0)).resolve("/version"))).isEqualTo(200);
    assertThat(driver.logTail(backend().name(), 50)).anyMatch(l -> l.contains("listening on 3210"));
  }

  @Test
  @Order(4)
  void renameMovesTheNameWithoutRestartingTheTask() {
    String name = backend().name();
    String before = driver.containerIdentity(name).orElseThrow().id();
    String task = cluster.docker(0, "ps", "-q", "--filter", "label=dev.provision.name=" + name);
    driver.renameContainer(name, name + "-prev");
    assertThat(driver.inspectContainer(name)).isEmpty();
    assertThat(driver.inspectContainer(name + "-prev").orElseThrow().running()).isTrue();
    driver.renameContainer(name + "-prev", name);
    assertThat(driver.containerIdentity(name).orElseThrow().id()).isEqualTo(before);
    assertThat(cluster.docker(0, "ps", "-q", "--filter", "label=dev.provision.name=" + name))
        .isEqualTo(task);
  }

  @Test
  @Order(5)
  void theLockIsAConfigOnlyOneCanCreate() {
    LockHolder holder = new LockHolder("a1", "alice", "box", 42, "provision apply", Instant.now());
    Instant expires =
        Instant.now().plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String id = driver.createLock(DEP, holder, expires).orElseThrow();
    assertThat(driver.createLock(DEP, holder, expires)).isEmpty();
    LockRecord read = driver.readLock(DEP).orElseThrow();
    assertThat(read.id()).isEqualTo(id);
    assertThat(read.holder().user()).isEqualTo("alice");
    assertThat(read.expires()).isEqualTo(expires);
    assertThat(driver.renewLock(DEP, id, expires.plusSeconds(60), "step-3")).isTrue();
    assertThat(driver.readLock(DEP).orElseThrow().step()).contains("step-3");
    assertThat(driver.readLock(DEP).orElseThrow().expires()).isEqualTo(expires.plusSeconds(60));
    assertThat(driver.lockNameTakenByOther(DEP)).isFalse();
    driver.removeLock(DEP, id);
    assertThat(driver.readLock(DEP)).isEmpty();
    assertThat(driver.lockNameTakenByOther(DEP)).isFalse();
    assertThat(driver.renewLock(DEP, id, expires, null)).isFalse();
    assertThat(driver.observe(DEP).resources()).hasSize(3);
  }

  @Test
  @Order(5)
  void aConfigOfTheLockNameMadeByOthersIsToldApartFromALock() throws Exception {
    java.nio.file.Path data = java.nio.file.Files.createTempFile("other", ".txt");
    java.nio.file.Files.writeString(data, "not a lock\n");
    cluster.docker(0, "config", "create", DEP + "-lock", data.toString());
    try {
      assertThat(driver.readLock(DEP)).isEmpty();
      assertThat(driver.lockNameTakenByOther(DEP)).isTrue();
    } finally {
      cluster.docker(0, "config", "rm", DEP + "-lock");
      java.nio.file.Files.delete(data);
    }
    assertThat(driver.lockNameTakenByOther(DEP)).isFalse();
  }

  @Test
  @Order(6)
  void aTaskThatKeepsFailingIsReportedWithItsLastError() throws Exception {
    ContainerResource failing =
        new ContainerResource(
            Address.of(Address.Kind.CONTAINER, "failing"),
            DEP + "-failing",
            BASE,
            new TreeMap<>(),
            List.of(),
            List.of(),
            NET.name(),
            "failing",
            List.of("sh", "-c", "echo about to fail; exit 3"),
            "no",
            null,
            5,
            null,
            List.of(),
            null);
    driver.createContainer(DEP, failing, failing.name(), "h2");
    driver.startContainer(failing.name());
    ContainerState state = driver.inspectContainer(failing.name()).orElseThrow();
    for (int i = 0; i < 60 && (state.running() || state.lastError().isEmpty()); i++) {
      Thread.sleep(500);
      state = driver.inspectContainer(failing.name()).orElseThrow();
    }
    assertThat(state.running()).isFalse();
    assertThat(state.exitCode()).isEqualTo(3);
    assertThat(state.lastError()).hasValueSatisfying(e -> assertThat(e).contains("exit (3)"));
    driver.removeContainer(failing.name());
    assertThat(driver.inspectContainer(failing.name())).isEmpty();
  }

  @Test
  @Order(7)
  void removeLeavesNothing() {
    driver.removeContainer(backend().name());
    assertThat(driver.inspectContainer(backend().name())).isEmpty();
    assertThat(driver.volumeUsers(DATA.name())).isEmpty();
    driver.removeVolume(DATA.name());
    driver.removeNetwork(NET.name());
    assertThat(driver.observe(DEP).resources()).isEmpty();
  }

  @Test
  @Order(8)
  void refusesAnEngineThatIsNoManager() {
    assertThatThrownBy(() -> SwarmHostDriver.open("unix:///var/run/docker.sock", null, false, null))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("no swarm manager");
  }

  private static int get(URI uri) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return r.statusCode();
      } catch (java.io.IOException e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }
}
