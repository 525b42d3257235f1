package dev.provision.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Swarm fixture keeps its promises: constraints place tasks on labelled nodes, an attachable
 * overlay network carries traffic between nodes by service name, a hard-stopped node's pinned task
 * waits (pending) instead of moving, and comes back when the node boots again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmClusterIT {
  private static final String BASE = "provision-test/base:latest";
  private static final String LISTENER =
      "perl -MIO::Socket::INET -e '$s=IO::Socket::INET->new(LocalPort=>7000,Listen=>5,ReuseAddr=>1)"
          + " or die; while($c=$s->accept){print $c \"hello-from-data\\n\"; close $c}'";
  private static SwarmCluster cluster;

  @BeforeAll
  static void start() {
    SwarmCluster.assumeAvailable();
    cluster = SwarmCluster.start(3, List.of(BASE));
    cluster.docker(0, "network", "create", "-d", "overlay", "--attachable", "swnet");
    cluster.docker(
        0,
        "node",
        "update",
        "--label-add",
        "dev.provision.node=data",
        cluster.node(2).swarmNodeId());
    cluster.docker(
        0,
        "service",
        "create",
        "--no-resolve-image",
        "-d",
        "--name",
        "pinned",
        "--network",
        "swnet",
        "--endpoint-mode",
        "dnsrr",
        "--constraint",
        "node.labels.dev.provision.node==data",
        BASE,
        "bash",
        "-c",
        LISTENER);
  }

  @AfterAll
  static void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void aConstraintOnANodeLabelPlacesTheTaskOnThatNode() {
    List<String> running = awaitTasks(t -> t.startsWith("running@"), "the pinned task running");
    assertEquals(List.of("running@" + cluster.node(2).swarmNodeId()), running);
  }

  @Test
  @Order(2)
  void anAttachableOverlayReachesAServiceOnAnotherNodeByName() {
    String reply =
        cluster.docker(
            1,
            "run",
            "--rm",
            "--network",
            "swnet",
            BASE,
            "bash",
            "-c",
            "for i in $(seq 30); do cat </dev/tcp/pinned/7000 2>/dev/null && exit 0; sleep 1;"
                + " done; exit 1");
    assertEquals("hello-from-data", reply.strip());
  }

  @Test
  @Order(3)
  void aStoppedNodesPinnedTaskWaitsAndRunsAgainWhenTheNodeIsBack() {
    String dataNode = cluster.node(2).swarmNodeId();
    cluster.stopNode(2);
    await(
        () ->
            cluster
                .docker(0, "node", "inspect", "-f", "{{.Status.State}}", dataNode)
                .strip()
                .equals("down"),
        "the manager to see node 2 down");
    List<String> waiting = awaitTasks(t -> t.startsWith("pending@"), "a pending replacement");
    assertTrue(
        waiting.stream().noneMatch(t -> t.startsWith("running@") && !t.endsWith(dataNode)),
        waiting.toString());

    cluster.startNode(2);
    List<String> back = awaitTasks(t -> t.equals("running@" + dataNode), "the task back on node 2");
    assertEquals(List.of("running@" + dataNode), back);
  }

  @Test
  @Order(4)
  void aOneNodeClusterRunsAServiceSurvivesAManagerRebootAndLeavesNothingBehind() {
    Path dir;
    try (SwarmCluster single = SwarmCluster.start(1, List.of(BASE))) {
      dir = SwarmCluster.ROOT.resolve(single.name());
      single.docker(
          0,
          "service",
          "create",
          "--no-resolve-image",
          "-d",
          "--name",
          "smoke",
          "--endpoint-mode",
          "dnsrr",
          "--publish",
          "mode=host,published=7000,target=7000",
          BASE,
          "bash",
          "-c",
          LISTENER);
      String address = single.manager().address();
      await(
          () -> readLine(address, 7000).equals("hello-from-data"),
          "the smoke service to answer this machine on the node's address");
      // The manager itself goes down hard and boots again: the swarm and its service come back.
      single.stopNode(0);
      assertThrows(UncheckedIOException.class, () -> readLine(address, 7000));
      single.startNode(0);
      await(
          () -> readLine(address, 7000).equals("hello-from-data"),
          "the smoke service to answer again after the manager's reboot");
      assertEquals(
          "Leader", single.docker(0, "node", "ls", "--format", "{{.ManagerStatus}}").strip());
    }
    assertFalse(Files.exists(dir), "cluster directory removed");
  }

  /** The first line a TCP server sends, read from this machine (the root network namespace). */
  private static String readLine(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
      socket.setSoTimeout(2000);
      return new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Lines "state@nodeId" (no node id while pending) of the pinned service's tasks that should be
   * running.
   */
  private static List<String> tasks() {
    String ids =
        cluster
            .docker(
                0,
                "service",
                "ps",
                "-q",
                "--no-trunc",
                "--filter",
                "desired-state=running",
                "pinned")
            .strip();
    if (ids.isEmpty()) {
      return List.of();
    }
    String[] inspect = {"inspect", "-f", "{{.Status.State}}@{{.NodeID}}"};
    String[] args = Arrays.copyOf(inspect, inspect.length + ids.split("\\s+").length);
    System.arraycopy(ids.split("\\s+"), 0, args, inspect.length, ids.split("\\s+").length);
    return cluster.docker(0, args).strip().lines().toList();
  }

  private static List<String> awaitTasks(Predicate<String> wanted, String what) {
    AtomicReference<List<String>> last = new AtomicReference<>(List.of());
    await(
        () -> {
          last.set(tasks());
          return last.get().stream().anyMatch(wanted);
        },
        what);
    return last.get();
  }

  private static void await(java.util.function.BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    RuntimeException lastError = null;
    while (System.nanoTime() < deadline) {
      try {
        if (done.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        lastError = notYet;
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for " + what);
      }
    }
    fail("timed out waiting for " + what + (lastError == null ? "" : ": " + lastError));
  }
}
