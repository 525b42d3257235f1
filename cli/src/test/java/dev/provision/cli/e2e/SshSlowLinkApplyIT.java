package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.HostDriver;
import dev.provision.testing.TcpRelay;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The quickstart over SSH on a slow link: 1 s one-way delay (a {@link TcpRelay} in front of the
 * sshd test server), so every round trip takes over 2 s. Apply, an empty plan and destroy all work,
 * because readiness probes and admin API calls through the port forward give each call time in
 * proportion to the round trip measured on connect. The apply's duration is printed (not asserted).
 */
class SshSlowLinkApplyIT {

  @Test
  void applyPlanAndDestroyAtOneSecondOneWayDelay() throws Exception {
    try (SshBench bench = SshBench.start()) {
      bench.relay.delay(Duration.ofSeconds(1));

      long start = System.nanoTime();
      E2e.Run applied = bench.cli("apply", System.out::println, "--yes");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      System.out.println("apply at 1 s one-way delay took " + took.toSeconds() + " s");
      assertThat(applied.code()).as(applied.all()).isZero();
      assertThat(applied.out())
          .contains("Apply complete")
          .contains("ok    admin key: a key issued from the stored instance secret is accepted");
      assertThat(Live.status(bench.e2e.cloudUrl() + "/version")).isEqualTo(200);

      start = System.nanoTime();
      E2e.Run plan = bench.cli("plan", "--detailed-exitcode");
      System.out.println(
          "plan took " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
      assertThat(plan.code()).as(plan.all()).isZero();
      assertThat(plan.out()).contains("No changes.");

      start = System.nanoTime();
      E2e.Run destroyed = bench.cli("destroy", "--delete-data", "--yes");
      System.out.println(
          "destroy took " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
      assertThat(destroyed.code()).as(destroyed.all()).isZero();
      try (HostDriver docker = bench.e2e.docker()) {
        assertThat(docker.observe(bench.e2e.deployment).resources()).isEmpty();
      }
    }
  }
}
