package dev.provision.driver.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.HostDriver;
import dev.provision.driver.LogRequest;
import dev.provision.driver.docker.DockerHostDriver;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Target;
import dev.provision.testing.TcpRelay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code logs --follow} through the SSH target stays open while the container writes nothing for
 * longer than the link's Docker response timeout (shortened here to 2 s, 120 s by default): the
 * follow ends when the container stops, or when the caller stops it (Ctrl-C), never because the log
 * was quiet.
 */
class SshLogsIT {
  private static final SshSettings SHORT =
      new SshSettings(Duration.ofSeconds(5), 3, Duration.ofSeconds(2), Duration.ofSeconds(10), 4);
  private static final SshSettings QUICK_KEEPALIVE =
      new SshSettings(Duration.ofSeconds(1), 3, Duration.ofSeconds(2), Duration.ofSeconds(10), 4);
  private static final LogRequest FOLLOW =
      new LogRequest(true, Optional.empty(), OptionalInt.empty());

  private static SshServer server;

  @BeforeAll
  static void startServer() throws IOException {
    server = SshServer.inTempDir("pt-sshlogs-");
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private static ContainerResource shell(String name, String script) {
    return new ContainerResource(
        Address.of(Address.Kind.CONTAINER, "logs"),
        name,
        "provision-test/base:latest",
        new TreeMap<>(),
        List.of(),
        List.of(),
        null,
        null,
        List.of("/bin/sh", "-c", script),
        "no",
        "SIGKILL",
        1,
        null,
        List.of(),
        null);
  }

  private static String follow(HostDriver driver, String name, Duration stopAfter) {
    StringBuilder text = new StringBuilder();
    long deadline = System.nanoTime() + stopAfter.toNanos();
    driver.logs(
        name,
        FOLLOW,
        chunk -> text.append(new String(chunk, StandardCharsets.UTF_8)),
        () -> System.nanoTime() > deadline);
    return text.toString();
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aQuietFollowOutlastsTheResponseTimeoutAndEndsWhenTheContainerStops() {
    String name = "pt-sshlogs-" + UUID.randomUUID().toString().substring(0, 8);
    try (DockerHostDriver local = DockerHostDriver.connect(new Target.Docker(null, null, false));
        HostDriver driver = SshHostDriver.connect(server.target(), Map.of(), SHORT)) {
      local.createContainer(name, shell(name, "echo first; sleep 7; echo second"), name, "h");
      try {
        local.startContainer(name);
        long start = System.nanoTime();

        String text = follow(driver, name, Duration.ofSeconds(60));

        assertThat(text).isEqualTo("first\nsecond\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      } finally {
        local.removeContainer(name);
      }
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aQuietFollowEndsWhenTheCallerStopsIt() {
    String name = "pt-sshlogs-" + UUID.randomUUID().toString().substring(0, 8);
    try (DockerHostDriver local = DockerHostDriver.connect(new Target.Docker(null, null, false));
        HostDriver driver = SshHostDriver.connect(server.target(), Map.of(), SHORT)) {
      local.createContainer(name, shell(name, "echo first; sleep 120"), name, "h");
      try {
        local.startContainer(name);
        long start = System.nanoTime();

        String text = follow(driver, name, Duration.ofSeconds(6));

        assertThat(text).isEqualTo("first\n");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(15));
        assertThat(driver.lostConnection()).isEmpty();
      } finally {
        local.removeContainer(name);
      }
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aLinkThatDiesDuringAQuietFollowIsReportedLost() throws IOException {
    String name = "pt-sshlogs-" + UUID.randomUUID().toString().substring(0, 8);
    try (DockerHostDriver local = DockerHostDriver.connect(new Target.Docker(null, null, false));
        TcpRelay relay = TcpRelay.start(server.port)) {
      Target.Ssh target = server.through(relay);
      local.createContainer(name, shell(name, "echo first; sleep 120"), name, "h");
      try (HostDriver driver = SshHostDriver.connect(target, Map.of(), QUICK_KEEPALIVE)) {
        local.startContainer(name);
        StringBuilder text = new StringBuilder();
        long start = System.nanoTime();
        assertThatThrownBy(
                () ->
                    driver.logs(
                        name,
                        FOLLOW,
                        chunk -> {
                          text.append(new String(chunk, StandardCharsets.UTF_8));
                          relay.blackhole(true);
                        },
                        () -> false))
            .isInstanceOf(ProvisionException.class)
            .hasMessageContaining(
                "lost the SSH connection to 127.0.0.1:" + relay.port() + " (user root)");
        assertThat(text.toString()).isEqualTo("first\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(40));
      } finally {
        local.removeContainer(name);
      }
    }
  }
}
