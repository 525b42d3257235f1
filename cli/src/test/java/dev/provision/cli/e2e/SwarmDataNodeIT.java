package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.driver.convex.EnvChange;
import dev.provision.testing.SwarmCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quickstart on a real three-node swarm with its data on a worker (node 1; node 0 is the
 * manager): the backend runs on that worker only and answers at its address, a second plan is
 * empty, status names the node. Then the worker goes down hard: the backend is not started on
 * another node (on an empty volume), plan and status say the data node is down, apply refuses and
 * touches nothing; status --json carries the block. Once the worker is back, the first apply
 * converges (no retry) and the data written before is still there. destroy --delete-data refuses
 * saying what to run on the node. The worker down again: a plain destroy removes what the manager
 * reaches, keeps the volume on the worker and says so; back up, the first apply converges on that
 * data. Last, destroy keeps the volume on the worker and says where.
 */
class SwarmDataNodeIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();
  private static final String MARK = "PT_WRITTEN_BEFORE_THE_OUTAGE";
  private static SwarmCluster cluster;

  @BeforeAll
  static void start() {
    SwarmCluster.assumeAvailable();
    cluster = SwarmCluster.start(3, List.of(E2e.backendImage(), E2e.dashboardImage()));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theDataStaysOnItsWorkerThroughAnOutage() throws Exception {
    SwarmCluster.Node worker = cluster.node(1);
    try (E2e e = SwarmQuickstartIT.onSwarm(cluster.manager(), worker)) {
      String key = appliesOnTheWorker(e, worker);
      Live.api(e.cloudUrl(), key).updateEnvironmentVariables(List.of(EnvChange.set(MARK, "kept")));

      cluster.stopNode(1);
      awaitNodeState(worker, "down");
      String before = serviceVersions(e);
      nothingConvergesWhileDown(e, worker);
      assertThat(serviceVersions(e)).as("apply touched nothing").isEqualTo(before);
      assertThat(backendNodes(e)).containsOnly(worker.hostname());

      cluster.startNode(1);
      convergesOnTheKeptData(e, key, "the first apply after the node rejoined");
      refusesToDeleteDataOnAWorker(e, worker);

      cluster.stopNode(1);
      awaitNodeState(worker, "down");
      destroysWhileTheDataNodeIsDown(e, worker);
      cluster.startNode(1);
      assertThat(cluster.docker(1, "volume", "ls", "-q")).contains(e.deployment + "-data");
      convergesOnTheKeptData(e, key, "the first apply after a destroy while the node was down");

      destroysAndSaysWhereTheDataIs(e, worker);
    }
  }

  /**
   * An apply right after the data node rejoined converges at once (no retry): the backend is back
   * on its data, with the env var written before the outage.
   */
  private static void convergesOnTheKeptData(E2e e, String key, String what) throws Exception {
    E2e.Run back = e.run("apply", SPEC, "--yes");
    assertThat(back.code()).as(what + ": " + back.all()).isZero();
    assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
    assertThat(Live.api(e.cloudUrl(), key).listEnvironmentVariables()).containsEntry(MARK, "kept");
    QuickstartChecks.plansEmpty(e, SPEC);
  }

  /** Applies the quickstart with its data on {@code worker}; returns an admin key. */
  private static String appliesOnTheWorker(E2e e, SwarmCluster.Node worker) throws Exception {
    E2e.Run plan = e.run("plan", SPEC);
    assertThat(plan.code()).as(plan.all()).isZero();
    assertThat(plan.out()).contains("the data stays on node `" + worker.hostname() + "`");
    E2e.Run apply = e.run("apply", SPEC, "--yes");
    assertThat(apply.code()).as(apply.all()).isZero();
    assertThat(apply.out())
        .contains("Apply complete")
        .contains("ok    admin key: a key issued from the stored instance secret is accepted");
    assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
    assertThat(backendNodes(e)).containsOnly(worker.hostname());
    for (SwarmCluster.Node n : cluster.nodes()) {
      String label =
          cluster.docker(
              0,
              "node",
              "inspect",
              n.swarmNodeId(),
              "-f",
              "{{index .Spec.Labels \"dev.provision.node." + e.deployment + "\"}}");
      assertThat(label.strip()).isEqualTo(n.index() == 1 ? "data" : "");
    }
    String dashboardNode = runningNodes(e, "container.dashboard").get(0);
    String dashboardAddress =
        cluster.nodes().stream()
            .filter(n -> n.hostname().equals(dashboardNode))
            .findFirst()
            .orElseThrow()
            .address();
    assertThat(Live.status("http://" + dashboardAddress + ":" + e.dashboardPort + "/"))
        .isEqualTo(200);
    QuickstartChecks.plansEmpty(e, SPEC);
    E2e.Run status = e.run("status", SPEC);
    assertThat(status.code()).as(status.all()).isZero();
    assertThat(status.out())
        .contains("data on node " + worker.hostname() + ")")
        .containsPattern("container\\.backend +running, .*, on node " + worker.hostname() + "\n")
        .contains("Drift: none\n");
    String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
    String key = Live.adminKey(e.deployment, secret);
    assertThat(Live.api(e.cloudUrl(), key).checkAdminKey().accepted()).isTrue();
    return key;
  }

  /** Plan, status and apply while the data node is down. */
  private static void nothingConvergesWhileDown(E2e e, SwarmCluster.Node worker) throws Exception {
    String down = "the data node `" + worker.hostname() + "` is down";
    E2e.Run plan = e.run("plan", SPEC, "--detailed-exitcode");
    assertThat(plan.code()).as(plan.all()).isEqualTo(1);
    assertThat(plan.out())
        .contains("data on node " + worker.hostname() + ", which is down)")
        .contains("error: " + down);
    E2e.Run status = e.run("status", SPEC);
    assertThat(status.code()).as(status.all()).isZero();
    assertThat(status.out())
        .contains("data on node " + worker.hostname() + ", which is down)")
        .containsPattern("container\\.backend +stopped")
        .contains("Blocked: " + down);
    E2e.Run json = e.run("status", SPEC, "--json");
    assertThat(json.code()).as(json.all()).isZero();
    JsonNode blocked = Live.json(json.out()).path("blocked");
    assertThat(blocked.path("message").asText()).as(json.out()).startsWith(down);
    assertThat(blocked.path("hint").asText()).contains("bring the node back");
    E2e.Run apply = e.run("apply", SPEC, "--yes");
    assertThat(apply.code()).as(apply.all()).isEqualTo(1);
    assertThat(apply.out()).doesNotContain("Applying:");
    assertThat(apply.err()).contains(down).contains("bring the node back");
  }

  /**
   * destroy --delete-data refuses before it removes anything: the manager cannot delete a volume on
   * a worker.
   */
  private static void refusesToDeleteDataOnAWorker(E2e e, SwarmCluster.Node worker) {
    String volume = e.deployment + "-data";
    String before = serviceVersions(e);
    E2e.Run refused = e.run("destroy", SPEC, "--delete-data", "--yes");
    assertThat(refused.code()).as(refused.all()).isEqualTo(1);
    assertThat(refused.out()).doesNotContain("Destroying:");
    assertThat(refused.err())
        .contains("destroy --delete-data cannot delete the data: volume " + volume)
        .contains("on node `" + worker.hostname() + "`: docker volume rm " + volume);
    assertThat(serviceVersions(e)).isEqualTo(before);
    assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
  }

  /**
   * A plain destroy with the data node down goes ahead: it removes the services, the network, the
   * lock and the node label, keeps the volume on the down node and says so; exit 0. destroy
   * --delete-data refuses then, as apply does, before the lock.
   */
  private static void destroysWhileTheDataNodeIsDown(E2e e, SwarmCluster.Node worker) {
    String volume = e.deployment + "-data";
    String down = "the data node `" + worker.hostname() + "` is down";
    E2e.Run refused = e.run("destroy", SPEC, "--delete-data", "--yes");
    assertThat(refused.code()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err()).contains(down);
    assertThat(SwarmObjects.lock(cluster.manager().dockerHost(), e.deployment)).isEmpty();

    E2e.Run destroy = e.run("destroy", SPEC, "--yes");
    assertThat(destroy.code()).as(destroy.all()).isZero();
    assertThat(destroy.out())
        .contains("Destroy complete")
        .contains("warning: " + down)
        .contains("destroy goes ahead without it")
        .contains("volume " + volume + " is on node `" + worker.hostname() + "`");
    assertThat(SwarmObjects.of(cluster.manager().dockerHost(), e.deployment))
        .as(destroy.all())
        .isEmpty();
    for (SwarmCluster.Node n : cluster.nodes()) {
      assertThat(cluster.docker(0, "node", "inspect", n.swarmNodeId(), "-f", "{{.Spec.Labels}}"))
          .doesNotContain(e.deployment);
    }
  }

  /**
   * destroy (the node up) removes the services, the network and the node label and says where the
   * volume stays; once it is removed on the worker as told, nothing of the deployment is left.
   */
  private static void destroysAndSaysWhereTheDataIs(E2e e, SwarmCluster.Node worker)
      throws Exception {
    String volume = e.deployment + "-data";
    E2e.Run destroy = e.run("destroy", SPEC, "--yes");
    assertThat(destroy.code()).as(destroy.all()).isZero();
    assertThat(destroy.out())
        .contains("Destroy complete")
        .contains("volume " + volume + " is on node `" + worker.hostname() + "`");
    assertThat(cluster.docker(1, "volume", "ls", "-q")).contains(volume);
    removeOnTheNode(volume);
    for (SwarmCluster.Node n : cluster.nodes()) {
      String filter = "label=dev.provision.deployment=" + e.deployment;
      assertThat(cluster.docker(n.index(), "volume", "ls", "-q", "--filter", filter)).isBlank();
      assertThat(cluster.docker(n.index(), "ps", "-aq", "--filter", filter)).isBlank();
      assertThat(cluster.docker(0, "node", "inspect", n.swarmNodeId(), "-f", "{{.Spec.Labels}}"))
          .doesNotContain(e.deployment);
    }
    String filter = "label=dev.provision.deployment=" + e.deployment;
    assertThat(cluster.docker(0, "service", "ls", "-q", "--filter", filter)).isBlank();
    assertThat(cluster.docker(0, "network", "ls", "-q", "--filter", filter)).isBlank();
    assertThat(cluster.docker(0, "config", "ls", "-q")).isBlank();
  }

  /** docker volume rm on the worker, as destroy said; its task container may linger a moment. */
  private static void removeOnTheNode(String volume) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        cluster.docker(1, "volume", "rm", volume);
        return;
      } catch (RuntimeException inUse) {
        if (System.nanoTime() > deadline) {
          throw inUse;
        }
        Thread.sleep(500);
      }
    }
  }

  /** The nodes the backend's tasks were ever placed on (a task not placed yet has none). */
  private static List<String> backendNodes(E2e e) {
    return nodes(
        cluster.docker(
            0, "service", "ps", serviceId(e, "container.backend"), "--format", "{{.Node}}"));
  }

  /** The nodes of the service's tasks that are meant to run. */
  private static List<String> runningNodes(E2e e, String address) {
    String id = serviceId(e, address);
    return nodes(
        cluster.docker(
            0, "service", "ps", id, "--filter", "desired-state=running", "--format", "{{.Node}}"));
  }

  private static List<String> nodes(String out) {
    return Arrays.stream(out.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String serviceId(E2e e, String address) {
    return cluster
        .docker(
            0,
            "service",
            "ls",
            "-q",
            "--filter",
            "label=dev.provision.deployment=" + e.deployment,
            "--filter",
            "label=dev.provision.address=" + address)
        .strip();
  }

  /** Each service of the deployment with its spec version: any update moves it. */
  private static String serviceVersions(E2e e) {
    return cluster.docker(
            0,
            "service",
            "ls",
            "--filter",
            "label=dev.provision.deployment=" + e.deployment,
            "--format",
            "{{.ID}}")
        + cluster.docker(
            0,
            "service",
            "inspect",
            "-f",
            "{{.Spec.Name}} {{.Version.Index}} {{.Spec.Mode.Replicated.Replicas}}",
            serviceId(e, "container.backend"),
            serviceId(e, "container.dashboard"));
  }

  private static void awaitNodeState(SwarmCluster.Node node, String state) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = cluster.docker(0, "node", "inspect", "-f", "{{.Status.State}}", node.swarmNodeId());
      if (last.strip().equals(state)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("node " + node.hostname() + " not " + state + ": " + last);
  }
}
