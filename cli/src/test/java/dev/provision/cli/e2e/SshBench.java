package dev.provision.cli.e2e;

import dev.provision.cli.Main;
import dev.provision.testing.TcpRelay;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An SSH target for end-to-end tests of real networks: the sshd test server (its docker client
 * reaching this machine's engine, so ports it publishes are local too) behind a {@link TcpRelay}
 * that can delay, blackhole or cut the link, and a quickstart spec that reaches it through the
 * relay. Runs the real CLI in-process; a watcher sees each output line as it is printed, so a test
 * can cut the link at a chosen moment of an apply.
 */
final class SshBench implements AutoCloseable {
  private static final String IMAGE = "provision-test/sshd-docker:latest";

  final E2e e2e;
  final TcpRelay relay;
  final Path spec;
  final int sshPort;
  private final String server;

  private SshBench(E2e e2e, TcpRelay relay, Path spec, int sshPort, String server) {
    this.e2e = e2e;
    this.relay = relay;
    this.spec = spec;
    this.sshPort = sshPort;
    this.server = server;
  }

  static SshBench start() throws IOException, InterruptedException {
    E2e e2e = new E2e();
    Path dir = e2e.dir;
    run(
        List.of(
            "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("key").toString()));
    String publicKey = Files.readString(dir.resolve("key.pub")).trim();
    int sshPort = E2e.freePort();
    String server = e2e.deployment + "-sshd";
    run(
        List.of(
            "docker",
            "run",
            "-d",
            "--name",
            server,
            "--label",
            "dev.provision.test=pt-ssh",
            "--network",
            "host",
            "-v",
            "/var/run/docker.sock:/var/run/docker.sock",
            "-e",
            "SSH_AUTHORIZED_KEYS=" + publicKey,
            IMAGE,
            "/usr/sbin/sshd",
            "-D",
            "-e",
            "-p",
            String.valueOf(sshPort),
            "-o",
            "ListenAddress=127.0.0.1"));
    awaitPort(sshPort);
    TcpRelay relay = TcpRelay.start(sshPort);
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(
        spec,
        String.join(
            "\n",
            "version: 1",
            "deployment: " + e2e.deployment,
            "target:",
            "  ssh:",
            "    host: 127.0.0.1",
            "    port: " + relay.port(),
            "    user: root",
            "    identityFile: " + dir.resolve("key"),
            "    knownHosts: accept-new",
            "    knownHostsFile: " + dir.resolve("known_hosts"),
            ""));
    return new SshBench(e2e, relay, spec, sshPort, server);
  }

  /** Runs {@code provision COMMAND SPEC <sets> EXTRA}, each output line shown to {@code watch}. */
  E2e.Run cli(String command, Consumer<String> watch, String... extra) {
    List<String> args = new ArrayList<>(List.of(command, spec.toString()));
    args.addAll(e2e.sets());
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            args.toArray(String[]::new),
            new PrintWriter(new Watched(out, watch), true),
            new PrintWriter(err, true),
            e2e.env,
            false);
    return new E2e.Run(code, out.toString(), err.toString());
  }

  E2e.Run cli(String command, String... extra) {
    return cli(command, line -> {}, extra);
  }

  /** "127.0.0.1:PORT" as the messages name the SSH server (the relay's port). */
  String sshAddress() {
    return "127.0.0.1:" + relay.port();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    relay.close();
    try {
      e2e.close();
    } finally {
      run(List.of("docker", "rm", "-f", server));
    }
  }

  /** A writer that hands each complete line to a watcher as it is written. */
  private static final class Watched extends Writer {
    private final StringWriter all;
    private final Consumer<String> watch;
    private final StringBuilder line = new StringBuilder();

    Watched(StringWriter all, Consumer<String> watch) {
      this.all = all;
      this.watch = watch;
    }

    @Override
    public synchronized void write(char[] chars, int off, int len) {
      all.write(chars, off, len);
      for (int i = off; i < off + len; i++) {
        if (chars[i] == '\n') {
          watch.accept(line.toString());
          line.setLength(0);
        } else {
          line.append(chars[i]);
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  private static void awaitPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("sshd did not listen on " + port + " within 30 s");
  }

  static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("exit " + p.exitValue() + ": " + command);
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
