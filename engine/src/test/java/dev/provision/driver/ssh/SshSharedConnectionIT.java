package dev.provision.driver.ssh;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Two drivers for the same server in one process use one SSH connection: sshd logs one accepted
 * login, both drivers work at the same time, and the connection closes with the last driver. A
 * driver with another identity file gets a connection of its own.
 */
class SshSharedConnectionIT {
  private static Path dir;
  private static SshServer server;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("pt-ssh-shared-");
    server = SshServer.start(dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    SshServer.run(List.of("rm", "-rf", dir.toString()), 30);
  }

  private static long logins() {
    String logs =
        SshServer.run(List.of("sh", "-c", "docker logs " + server.container + " 2>&1"), 30);
    return logs.lines().filter(l -> l.contains("Accepted publickey")).count();
  }

  @Test
  void twoDriversForOneHostShareOneConnection() {
    Target.Ssh target = server.target();
    SshConnections.Key key = SshConnections.key(SshRoute.resolve(target, SshConfig.empty()));
    try (HostDriver a = SshHostDriver.connect(target, Map.of());
        HostDriver b = SshHostDriver.connect(target, Map.of())) {
      assertThat(a.observe("pt-ssh-shared-none").resources()).isEmpty();
      assertThat(b.observe("pt-ssh-shared-none").resources()).isEmpty();
      assertThat(logins()).isEqualTo(1);
      assertThat(SshConnections.POOL.open(key)).isEqualTo(1);
    }
    assertThat(SshConnections.POOL.open(key)).isZero();
    try (HostDriver c = SshHostDriver.connect(target, Map.of())) {
      assertThat(c.observe("pt-ssh-shared-none").resources()).isEmpty();
    }
    assertThat(logins()).isEqualTo(2);
    Path copy = dir.resolve("same-key-other-file");
    SshServer.run(List.of("cp", server.key.toString(), copy.toString()), 30);
    try (HostDriver d = SshHostDriver.connect(target, Map.of());
        HostDriver e =
            SshHostDriver.connect(
                server.target(copy, Target.KnownHosts.STRICT, server.knownHosts), Map.of())) {
      assertThat(logins()).isEqualTo(4);
    }
  }
}
