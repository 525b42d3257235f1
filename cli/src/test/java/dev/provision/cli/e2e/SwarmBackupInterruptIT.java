package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.exec.TestHooks;
import dev.provision.testing.SwarmCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real {@code provision backup} process with the data on a worker of a real two-node swarm,
 * stopped while its helper service copies the data volume out on that worker (the backend stopped
 * for the copy; test hook {@code swarm-helper@copy-out}), one cluster and deployment for the class.
 * SIGINT and SIGTERM: exit 130 / 143, no helper service or config is left, the backend runs again
 * and answers, the lock is released and the next plan is empty. {@code kill -9}: the helper may
 * stay (it is swept once over twice the helper limit old), but the next backup succeeds and starts
 * the backend again, plan, apply and status are unaffected by it (status lists no writer), and
 * destroy removes it with the deployment's network.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmBackupInterruptIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();
  private static final String HELPER = "label=dev.provision.swarm.helper";
  private static final String POINT = "swarm-helper@copy-out";
  private static SwarmCluster cluster;
  private static E2e e;

  @BeforeAll
  static void start() throws Exception {
    SwarmCluster.assumeAvailable();
    cluster = SwarmCluster.start(2, List.of(E2e.backendImage()));
    e = SwarmQuickstartIT.onSwarm(cluster.manager(), cluster.node(1));
    e.extraSets.addAll(List.of("--set", "dashboard.enabled=false"));
    E2e.Run apply = e.run("apply", SPEC, "--yes");
    assertThat(apply.code()).as(apply.all()).isZero();
    assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    try {
      if (e != null) {
        e.close();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Test
  @Order(1)
  void sigintWhileTheHelperCopiesOnTheWorkerLeavesNothing() throws Exception {
    interruptedLeavesNothing("INT", 130);
  }

  @Test
  @Order(2)
  void sigtermWhileTheHelperCopiesOnTheWorkerLeavesNothing() throws Exception {
    interruptedLeavesNothing("TERM", 143);
  }

  @Test
  @Order(3)
  void killNineLeavesAHelperThatBreaksNothing() throws Exception {
    ChildCli child = pausedBackup("kill");
    List<String> left = helperServices();
    child.signal("KILL");
    assertThat(child.await(Duration.ofSeconds(30))).isEqualTo(137);
    assertThat(helperServices()).as("the killed run's helper stays").isEqualTo(left);

    E2e.Run backup = e.run("backup", SPEC);
    assertThat(backup.code()).as(backup.all()).isZero();
    assertThat(backup.out()).contains("and started again");
    assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
    assertThat(archives()).isNotEmpty();

    E2e.Run plan = e.run("plan", SPEC, "--detailed-exitcode");
    assertThat(plan.code()).as(plan.all()).isZero();
    E2e.Run apply = e.run("apply", SPEC, "--yes");
    assertThat(apply.code()).as(apply.all()).isZero();
    E2e.Run status = e.run("status", SPEC);
    assertThat(status.code()).as(status.all()).isZero();
    assertThat(status.out()).contains("Drift: none\n").doesNotContain("writer.");
    for (E2e.Run run : List.of(backup, plan, apply, status)) {
      assertThat(run.all()).doesNotContain(left.get(0));
    }
    assertThat(helperServices()).as("young: not swept yet").isEqualTo(left);
    assertThat(SwarmObjects.lock(node(), e.deployment)).isEmpty();

    E2e.Run destroy = e.run("destroy", SPEC, "--yes");
    assertThat(destroy.code()).as(destroy.all()).isZero();
    assertThat(SwarmObjects.of(node(), e.deployment)).as(destroy.all()).isEmpty();
    assertThat(helperServices()).as("the helper on the deployment's network").isEmpty();
  }

  private static void interruptedLeavesNothing(String signal, int code) throws Exception {
    int before = archives().size();
    ChildCli child = pausedBackup(signal.toLowerCase());
    child.signal(signal);
    assertThat(child.await(Duration.ofSeconds(120))).as(child.all()).isEqualTo(code);
    assertThat(child.all())
        .contains("SIG" + signal + ": stopping the backup")
        .contains(
            "the backup of "
                + e.deployment
                + " was interrupted: no archive was written; the backend was started again")
        .doesNotContain("\tat ");
    assertThat(helperServices()).as(child.all()).isEmpty();
    assertThat(cluster.docker(0, "config", "ls", "-q", "--filter", HELPER)).isBlank();
    assertThat(Live.status(e.cloudUrl() + "/version")).as(child.all()).isEqualTo(200);
    assertThat(SwarmObjects.lock(node(), e.deployment)).as(child.all()).isEmpty();
    assertThat(archives()).as("no archive is written").hasSize(before);
    E2e.Run plan = e.run("plan", SPEC, "--detailed-exitcode");
    assertThat(plan.code()).as(plan.all()).isZero();
  }

  /**
   * A child {@code provision backup} paused while its helper service, placed on the worker, copies
   * the data volume out (the backend stopped).
   */
  private static ChildCli pausedBackup(String name) throws Exception {
    Path marker = e.dir.resolve("paused-" + name);
    ChildCli child =
        ChildCli.start(
            e,
            "backup-" + name,
            Map.of(TestHooks.PAUSE_AT_STEP, POINT, TestHooks.PAUSE_MARKER, marker.toString()),
            "backup",
            SPEC);
    child.awaitFile(marker, Duration.ofSeconds(120));
    List<String> helpers = helperServices();
    assertThat(helpers).as(child.all()).isNotEmpty();
    String nodes =
        cluster.docker(
            0, "service", "ps", helpers.get(helpers.size() - 1), "--format", "{{.Node}}");
    assertThat(nodes).contains(cluster.node(1).hostname());
    assertThat(Live.status(e.cloudUrl() + "/version"))
        .as("the backend is stopped")
        .isNotEqualTo(200);
    return child;
  }

  private static List<String> helperServices() {
    return cluster
        .docker(0, "service", "ls", "--filter", HELPER, "--format", "{{.Name}}")
        .lines()
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .sorted()
        .toList();
  }

  private static List<Path> archives() throws Exception {
    Path dir = e.dir.resolve("backups");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> found = Files.list(dir)) {
      return found.filter(p -> p.toString().endsWith(".tar")).toList();
    }
  }

  private static String node() {
    return cluster.manager().dockerHost();
  }
}
