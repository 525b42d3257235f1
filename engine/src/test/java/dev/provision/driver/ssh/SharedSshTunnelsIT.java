package dev.provision.driver.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.HostDriver;
import dev.provision.model.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployments of one run on one SSH server share its login, its engine tunnel and the engine
 * connections on it, against a real sshd (LogLevel VERBOSE, so each command it starts, such as
 * {@code docker system dial-stdio}, is in its log).
 */
class SharedSshTunnelsIT {
  private static Path dir;
  private static SshServer server;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("pt-ssh-tunnels-");
    server = SshServer.start(dir, SshServer.IMAGE, "root", List.of("LogLevel=VERBOSE"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    SshServer.run(List.of("rm", "-rf", dir.toString()), 30);
  }

  private static long logged(String text) {
    String logs =
        SshServer.run(List.of("sh", "-c", "docker logs " + server.container + " 2>&1"), 30);
    return logs.lines().filter(l -> l.contains(text)).count();
  }

  private static long commands() {
    return logged("Starting session: command");
  }

  private static SharedSshTunnels tunnels() {
    return new SharedSshTunnels(Map.of(), SshSettings.DEFAULT, PassphrasePrompt.NONE, 4);
  }

  @Test
  void deploymentsOnOneServerShareTheLoginTheTunnelAndItsEngineConnections() {
    Target.Ssh target = server.target();
    SshConnections.Key key = SshConnections.key(SshRoute.resolve(target, SshConfig.empty()));
    long loginsBefore = logged("Accepted publickey");
    long before = commands();
    try (SharedSshTunnels tunnels = tunnels()) {
      tunnels.prepare(target); // reached ahead of its deployments
      HostDriver first = tunnels.driver(target);
      assertThat(first.observe("pt-ssh-tunnels-none").resources()).isEmpty();
      long afterFirst = commands();

      HostDriver second = tunnels.driver(target);
      first.close(); // one deployment ends: the next goes on over the same tunnel
      assertThat(second.observe("pt-ssh-tunnels-none").resources()).isEmpty();
      second.close();

      assertThat(afterFirst).isGreaterThan(before);
      // the second reuses the engine connections kept open (one more at most, when its calls
      // overlap differently); alone it would start a version probe and one per list call
      assertThat(commands()).isLessThanOrEqualTo(afterFirst + 1);
      assertThat(logged("Accepted publickey")).isEqualTo(loginsBefore + 1);
      assertThat(SshConnections.POOL.open(key)).isEqualTo(1); // held until the run ends
    }
    assertThat(SshConnections.POOL.open(key)).isZero();
  }

  @Test
  void aConnectionThatWentDownIsOpenedAgainForTheNextDeployment() throws Exception {
    Target.Ssh target = server.target();
    try (SharedSshTunnels tunnels = tunnels()) {
      SshHostDriver first = (SshHostDriver) tunnels.driver(target);
      assertThat(first.observe("pt-ssh-tunnels-none").resources()).isEmpty();
      long logins = logged("Accepted publickey");

      // the server drops the login (its per-connection processes end; the listener stays)
      SshServer.run(List.of("docker", "exec", server.container, "pkill", "-f", "sshd: root"), 30);
      for (int i = 0; i < 100 && first.connected(); i++) {
        Thread.sleep(50);
      }
      assertThat(first.connected()).isFalse();
      first.close();

      try (HostDriver next = tunnels.driver(target)) {
        assertThat(next.observe("pt-ssh-tunnels-none").resources()).isEmpty();
      }
      assertThat(logged("Accepted publickey")).isEqualTo(logins + 1);
    }
  }

  @Test
  void aServerThatCannotBeReachedFailsEveryDeploymentThereWithOneError() {
    Target.Ssh nobody =
        new Target.Ssh(
            "127.0.0.1",
            SshServer.freePort(),
            "root",
            server.key.toString(),
            Target.KnownHosts.STRICT,
            server.knownHosts.toString());
    try (SharedSshTunnels tunnels = tunnels()) {
      tunnels.prepare(nobody);
      Throwable first = catchThrowable(() -> tunnels.driver(nobody));
      Throwable second = catchThrowable(() -> tunnels.driver(nobody));

      assertThat(first).isInstanceOf(ProvisionException.class);
      // the kept error, tried once (OpenedOnceTest counts the tries), a copy for each deployment
      assertThat(second).isInstanceOf(ProvisionException.class).hasMessage(first.getMessage());
    }
  }

  @Test
  void aClosedRunOpensNothingMore() {
    SharedSshTunnels tunnels = tunnels();
    tunnels.close();
    tunnels.prepare(server.target()); // nothing: the run is over
    assertThatThrownBy(() -> tunnels.driver(server.target()))
        .isInstanceOf(IllegalStateException.class);
  }
}
