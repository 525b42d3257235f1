package dev.provision.driver.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.HostDriver;
import dev.provision.model.Target;
import dev.provision.testing.TcpRelay;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SSH target on a bad network, made with {@link TcpRelay} in front of a real sshd: a silent
 * partition becomes "lost the SSH connection" within a bounded time (keepalive and an active
 * check), never a hang and never a message about the Docker engine or an internal port.
 */
class SshLinkIT {
  private static final SshSettings FAST =
      new SshSettings(Duration.ofSeconds(1), 3, Duration.ofSeconds(20), Duration.ofSeconds(5), 4);

  private static SshServer server;

  @BeforeAll
  static void startServer() throws IOException {
    server = SshServer.inTempDir("pt-sshlink-");
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aSilentPartitionIsALostSshConnectionWithinSeconds() throws IOException {
    try (TcpRelay relay = TcpRelay.start(server.port);
        HostDriver driver = SshHostDriver.connect(server.through(relay), Map.of(), FAST)) {
      assertThat(driver.hasImage("provision-test/base:latest")).isTrue();
      relay.blackhole(true);
      long start = System.nanoTime();

      assertThatThrownBy(() -> driver.observe("pt-sshlink-none"))
          .isInstanceOf(ProvisionException.class)
          .hasMessageContaining(
              "lost the SSH connection to 127.0.0.1:" + relay.port() + " (user root)")
          .hasMessageNotContaining("Docker")
          .hasMessageNotContaining("tcp://");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isLessThan(Duration.ofSeconds(15));
      assertThat(driver.lostConnection()).isPresent();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theKeepaliveEndsAnIdleConnectionThatStoppedAnswering() throws Exception {
    try (TcpRelay relay = TcpRelay.start(server.port);
        HostDriver driver = SshHostDriver.connect(server.through(relay), Map.of(), FAST)) {
      relay.blackhole(true);
      Thread.sleep(FAST.lostAfter().plusSeconds(3).toMillis());

      // no call was made: only the keepalive can have noticed
      assertThat(((SshHostDriver) driver).connected()).isFalse();
      assertThat(driver.lostConnection().orElseThrow().getMessage())
          .contains("lost the SSH connection to 127.0.0.1:" + relay.port() + " (user root)")
          .contains("keep-alive");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aPartitionWhileConnectingFailsNamingSsh() throws IOException {
    try (TcpRelay relay = TcpRelay.start(server.port)) {
      relay.blackhole(true);
      Target.Ssh target = server.through(relay);
      long start = System.nanoTime();

      assertThatThrownBy(() -> SshHostDriver.connect(target, Map.of(), FAST))
          .isInstanceOf(ProvisionException.class)
          .hasMessageContaining("ssh root@127.0.0.1:" + relay.port())
          .hasMessageNotContaining("DOCKER_TLS_VERIFY");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
  }
}
