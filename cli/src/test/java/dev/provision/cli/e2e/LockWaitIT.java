package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
}
