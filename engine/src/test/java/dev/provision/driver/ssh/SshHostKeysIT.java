package dev.provision.driver.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.HostDriver;
import dev.provision.model.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Host keys as strict as OpenSSH, against a real sshd that only has an ed25519 host key: a key of
 * another type recorded for the host makes the offered key a CHANGED one in both modes; hashed
 * entries and {@code [host]:port} entries match; {@code @revoked} wins over a plain entry; a failed
 * write under accept-new is an error. Refusals show the offered and recorded SHA256 fingerprints.
 */
class SshHostKeysIT {
  private static Path dir;
  private static SshServer server;
  private static String serverLine;

  @BeforeAll
  static void startServer() throws IOException {
    dir = Files.createTempDirectory("pt-sshkeys-");
    server =
        SshServer.start(
            dir,
            SshServer.IMAGE,
            "root",
            List.of("HostKeyAlgorithms=ssh-ed25519", "MaxSessions=1"));
    serverLine =
        Files.readAllLines(server.knownHosts).stream()
            .filter(l -> l.contains(" ssh-ed25519 "))
            .findFirst()
            .orElseThrow();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
    SshServer.run(List.of("rm", "-rf", dir.toString()), 30);
  }

  private static Path file(String content) throws IOException {
    Path f = dir.resolve("kh-" + UUID.randomUUID());
    Files.writeString(f, content);
    return f;
  }

  /** A known_hosts line for this server's host with a fresh key of {@code type}. */
  private static String otherKeyLine(String type) {
    Path key = dir.resolve("other-" + UUID.randomUUID());
    SshServer.run(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-f", key.toString()), 30);
    try {
      String[] pub = Files.readString(Path.of(key + ".pub")).trim().split(" ");
      return "[127.0.0.1]:" + server.port + " " + pub[0] + " " + pub[1] + "\n";
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aKeyOfAnotherTypeThanTheRecordedOneIsChangedEvenWithAcceptNew() throws IOException {
    String recorded = otherKeyLine("ecdsa");
    Path kh = file(recorded);
    String offered = SshServer.fingerprints(server.knownHosts);
    String recordedFp = SshServer.fingerprints(kh).split(" ")[1];

    for (Target.KnownHosts mode : Target.KnownHosts.values()) {
      Target.Ssh target = server.target(server.key, mode, kh);
      assertThatThrownBy(() -> SshHostDriver.connect(target, Map.of()))
          .isInstanceOf(ProvisionException.class)
          .hasMessageContaining("the host key of [127.0.0.1]:" + server.port + " has CHANGED")
          .hasMessageContaining("the server offers ssh-ed25519 SHA256:")
          .satisfies(e -> assertThat(offered).contains(offeredFingerprint(e.getMessage())))
          .hasMessageContaining("records " + recordedFp)
          .hasMessageContaining("ssh-keygen -R")
          .hasMessageNotContaining("accept-new");
    }
    assertThat(Files.readString(kh)).isEqualTo(recorded);
  }

  @Test
  void aHashedEntryMatches() throws IOException {
    Path kh = file(serverLine + "\n");
    SshServer.run(List.of("ssh-keygen", "-q", "-H", "-f", kh.toString()), 30);
    assertThat(Files.readString(kh)).startsWith("|1|");

    try (HostDriver driver =
        SshHostDriver.connect(server.target(server.key, Target.KnownHosts.STRICT, kh), Map.of())) {
      assertThat(driver.hasImage("provision-test/base:latest")).isTrue();
    }
  }

  @Test
  void aRevokedKeyIsRefusedEvenWhenAlsoRecordedPlainly() throws IOException {
    Path kh = file(serverLine + "\n@revoked " + serverLine + "\n");

    assertThatThrownBy(
            () ->
                SshHostDriver.connect(
                    server.target(server.key, Target.KnownHosts.ACCEPT_NEW, kh), Map.of()))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("is marked @revoked in " + kh)
        .hasMessageNotContaining("accept-new");
  }

  @Test
  void aFailedWriteUnderAcceptNewIsAnError() throws IOException {
    Path notAFolder = file("");
    Path kh = notAFolder.resolve("known_hosts");

    assertThatThrownBy(
            () ->
                SshHostDriver.connect(
                    server.target(server.key, Target.KnownHosts.ACCEPT_NEW, kh), Map.of()))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("cannot record the host key of [127.0.0.1]:" + server.port)
        .hasMessageContaining("make " + kh + " writable");
  }

  @Test
  void aServerAllowingOneSessionServesParallelCalls() throws Exception {
    try (HostDriver driver = SshHostDriver.connect(server.target(), Map.of())) {
      List<Thread> threads = new java.util.ArrayList<>();
      List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
      for (int i = 0; i < 3; i++) {
        Thread t =
            new Thread(
                () -> {
                  try {
                    for (int j = 0; j < 3; j++) {
                      assertThat(driver.hasImage("provision-test/base:latest")).isTrue();
                      driver.observe("pt-none-" + UUID.randomUUID());
                    }
                  } catch (Throwable e) {
                    failures.add(e);
                  }
                });
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join(60_000);
      }
      assertThat(failures).isEmpty();
    }
  }

  private static String offeredFingerprint(String message) {
    int start = message.indexOf("SHA256:");
    int end = message.indexOf(' ', start);
    return message.substring(start, end);
  }
}
