package dev.provision.driver.ssh;

import dev.provision.model.Target;
import dev.provision.testing.TcpRelay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server for tests: the local image {@code provision-test/sshd-docker} run with the
 * host's network (so the server's 127.0.0.1 is this machine's, where published ports are) and the
 * host's Docker socket, sshd on a free loopback port, the user authorized with a fresh ed25519 key.
 * The key pair and a known_hosts file made by {@code ssh-keyscan} live in {@code dir}. Never pulls.
 */
final class SshServer implements AutoCloseable {
  static final String IMAGE = "provision-test/sshd-docker:latest";

  final Path dir;
  final String container;
  final int port;
  final Path key;
  final Path knownHosts;
  final String user;
  private boolean ownsDir;

  private SshServer(Path dir, String container, int port, Path key, Path knownHosts, String user) {
    this.dir = dir;
    this.container = container;
    this.port = port;
    this.key = key;
    this.knownHosts = knownHosts;
    this.user = user;
  }

  static SshServer start(Path dir) throws IOException {
    return start(dir, IMAGE, "root");
  }

  /**
   * As {@link #start(Path)} in a new temporary folder named {@code prefix...}, removed on close.
   */
  static SshServer inTempDir(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    try {
      SshServer server = start(dir);
      server.ownsDir = true;
      return server;
    } catch (IOException | RuntimeException | AssertionError e) {
      removeDir(dir);
      throw e;
    }
  }

  /**
   * Starts {@code image} with sshd for {@code user} (root, or a new user without any group). A port
   * taken by someone else between choosing and binding is retried with another one.
   */
  static SshServer start(Path dir, String image, String user) throws IOException {
    return start(dir, image, user, List.of());
  }

  /**
   * As {@link #start(Path, String, String)} with extra sshd options ({@code -o} values such as
   * {@code MaxSessions=1}), given at container start: the shared image is never changed.
   */
  static SshServer start(Path dir, String image, String user, List<String> sshdOptions)
      throws IOException {
    Path key = dir.resolve("id_ed25519");
    if (!Files.exists(key)) {
      newKey(dir, "id_ed25519");
    }
    String publicKey = Files.readString(dir.resolve("id_ed25519.pub")).trim();
    AssertionError last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      String name = "pt-ssh-" + UUID.randomUUID().toString().substring(0, 8);
      SshServer server = null;
      try {
        List<String> command =
            new ArrayList<>(
                List.of(
                    "docker",
                    "run",
                    "-d",
                    "--name",
                    name,
                    "--label",
                    "dev.provision.test=pt-ssh",
                    "--network",
                    "host",
                    "-v",
                    "/var/run/docker.sock:/var/run/docker.sock",
                    "-e",
                    "SSH_AUTHORIZED_KEYS=" + publicKey,
                    "-e",
                    "SSH_USER=" + user,
                    image,
                    "/usr/sbin/sshd",
                    "-D",
                    "-e",
                    "-p",
                    String.valueOf(port),
                    "-o",
                    "ListenAddress=127.0.0.1"));
        for (String option : sshdOptions) {
          command.add("-o");
          command.add(option);
        }
        run(command, 30);
        awaitPort(port, name);
        Path knownHosts = dir.resolve("known_hosts-" + name);
        Files.writeString(knownHosts, keyscan(port));
        server = new SshServer(dir, name, port, key, knownHosts, user);
        return server;
      } catch (AssertionError e) {
        last = e;
      } finally {
        if (server == null) {
          remove(name);
        }
      }
    }
    throw last;
  }

  /** A target for this server with the given key and known_hosts policy and file. */
  Target.Ssh target(Path identity, Target.KnownHosts mode, Path knownHostsFile) {
    return new Target.Ssh(
        "127.0.0.1", port, user, identity.toString(), mode, knownHostsFile.toString());
  }

  /** Adds a public key to the login user's authorized_keys in the running container. */
  void authorize(Path publicKey) throws IOException {
    String line = Files.readString(publicKey).trim();
    String home = user.equals("root") ? "/root" : "/home/" + user;
    run(
        List.of(
            "docker",
            "exec",
            container,
            "sh",
            "-c",
            "printf '%s\\n' \"$0\" >> " + home + "/.ssh/authorized_keys",
            line),
        30);
  }

  /** A new key pair {@code dir/name} of {@code type} protected by {@code passphrase}. */
  static Path newKey(Path dir, String name, String type, String passphrase) {
    Path key = dir.resolve(name);
    run(
        List.of(
            "ssh-keygen",
            "-q",
            "-t",
            type,
            "-N",
            passphrase,
            "-C",
            "pt-" + name,
            "-f",
            key.toString()),
        30);
    return key;
  }

  Target.Ssh target() {
    return target(key, Target.KnownHosts.STRICT, knownHosts);
  }

  /**
   * This server reached through {@code relay}: a known_hosts naming the relay's port is written.
   */
  Target.Ssh through(TcpRelay relay) throws IOException {
    Path kh = dir.resolve("kh-" + relay.port());
    Files.writeString(
        kh, Files.readString(knownHosts).replace("]:" + port + " ", "]:" + relay.port() + " "));
    return new Target.Ssh(
        "127.0.0.1", relay.port(), user, key.toString(), Target.KnownHosts.STRICT, kh.toString());
  }

  /** A new unencrypted ed25519 key pair {@code dir/name} and {@code dir/name.pub}. */
  static Path newKey(Path dir, String name) {
    Path key = dir.resolve(name);
    run(
        List.of(
            "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "pt-ssh", "-f", key.toString()),
        30);
    return key;
  }

  static int freePort() {
    return dev.provision.testing.FreePorts.pick();
  }

  private static void awaitPort(int port, String name) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException notYet) {
        pause();
      }
    }
    throw new AssertionError(
        "sshd in "
            + name
            + " did not listen on "
            + port
            + " within 30 s: "
            + run(List.of("docker", "logs", "--tail", "20", name), 30));
  }

  /** The SHA256 fingerprints of the keys in a known_hosts file, as ssh-keygen prints them. */
  static String fingerprints(Path knownHosts) {
    return run(List.of("ssh-keygen", "-l", "-f", knownHosts.toString()), 30);
  }

  private static String keyscan(int port) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      String lines;
      try {
        lines = run(List.of("ssh-keyscan", "-T", "5", "-p", String.valueOf(port), "127.0.0.1"), 30);
      } catch (AssertionError notYet) {
        lines = "";
      }
      if (lines.contains("ssh-ed25519")) {
        return lines;
      }
      pause();
    }
    throw new AssertionError("ssh-keyscan found no host key on port " + port);
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Runs a command, returning its standard output; fails on a non-zero exit. */
  static String run(List<String> command, int timeoutSeconds) {
    try {
      Process p =
          new ProcessBuilder(new ArrayList<>(command))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      if (p.exitValue() != 0) {
        throw new AssertionError("exit " + p.exitValue() + ": " + command);
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + command, e);
    }
  }

  private static void remove(String name) {
    try {
      run(List.of("docker", "rm", "-f", name), 60);
    } catch (AssertionError ignored) {
      // already gone
    }
  }

  private static void removeDir(Path dir) {
    run(List.of("rm", "-rf", dir.toString()), 30);
  }

  /** Removes the container, and the folder when {@link #inTempDir} made it. */
  @Override
  public void close() {
    try {
      remove(container);
    } finally {
      if (ownsDir) {
        removeDir(dir);
      }
    }
  }
}
