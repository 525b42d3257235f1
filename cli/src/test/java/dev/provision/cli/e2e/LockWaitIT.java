package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.HostDriver;
import dev.provision.driver.LockHolder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Waiting for the deployment's lock on the real Docker engine, where nothing is ever applied: a
 * container of the lock's name made by something else is reported at once (it never becomes a lock,
 * so waiting for it to be removed would only delay the answer).
 */
class LockWaitIT {
  @Test
  void aContainerCalledLikeTheLockButMadeByOthersIsReportedAtOnce() throws Exception {
    try (E2e e = new E2e()) {
      String spec = FleetIT.spec(e, e.apiPort);
      String other = e.deployment + "-lock";
      Docker.run("create", "--name", other, "provision-test/base:latest", "true");
      try {
        long start = System.nanoTime();
        E2e.Run apply = e.run("apply", spec, "--yes", "--lock-timeout", "1m");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(apply.code()).as(apply.all()).isEqualTo(1);
        assertThat(apply.all())
            .contains("a container named " + other + " exists, but it is not a provision lock");
        assertThat(took).as(apply.all()).isLessThan(Duration.ofSeconds(5));
        try (var host = e.docker()) {
          assertThat(host.observe(e.deployment).resources()).isEmpty();
        }
      } finally {
        Docker.quietly("rm", "-f", other);
      }
    }
  }

  @Test
  void ctrlCEndsASeveralSpecApplyWaitingForHeldLocksAtOnce() throws Exception {
    try (E2e a = new E2e();
        E2e b = new E2e();
        HostDriver docker = a.docker()) {
      String specA = FleetIT.spec(a, a.apiPort);
      String specB = FleetIT.spec(b, b.apiPort);
      LockHolder someone =
          new LockHolder(
              "other-apply", "someone", "elsewhere", 1, "provision apply", Instant.now());
      Instant later = Instant.now().plus(Duration.ofMinutes(10));
      String lockA = docker.createLock(a.deployment, someone, later).orElseThrow();
      String lockB = docker.createLock(b.deployment, someone, later).orElseThrow();
      try {
        ChildCli fleet =
            ChildCli.startWith(
                a,
                "fleet",
                Map.of(),
                List.of("apply", specA, specB, "--yes", "--lock-timeout", "1m"));
        awaitWaitingForTheLock(fleet);
        long start = System.nanoTime();
        fleet.signal("INT");
        int code = fleet.await(Duration.ofMinutes(3));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(code).as(fleet.all()).isEqualTo(130);
        assertThat(took).as(fleet.all()).isLessThan(Duration.ofSeconds(10));
        assertThat(fleet.all()).contains("interrupted while waiting for the lock");
        assertThat(docker.readLock(a.deployment).orElseThrow().id()).isEqualTo(lockA);
        assertThat(docker.readLock(b.deployment).orElseThrow().id()).isEqualTo(lockB);
        assertThat(docker.observe(a.deployment).resources()).isEmpty();
        assertThat(docker.observe(b.deployment).resources()).isEmpty();
      } finally {
        docker.removeLock(a.deployment, lockA);
        docker.removeLock(b.deployment, lockB);
      }
    }
  }

  /** Waits until a thread of {@code child} waits in DeploymentLock.acquire (seen by jstack). */
  private static void awaitWaitingForTheLock(ChildCli child) throws Exception {
    String jstack = Path.of(System.getProperty("java.home"), "bin", "jstack").toString();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Process p = new ProcessBuilder(jstack, Long.toString(child.process.pid())).start();
      String threads = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      if (threads.contains("DeploymentLock.acquire")) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the child never waited for the lock: " + child.all());
  }
}
