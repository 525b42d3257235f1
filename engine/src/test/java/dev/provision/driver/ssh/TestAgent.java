package dev.provision.driver.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's real {@code ssh-agent} in the foreground on a socket in {@code dir}, for tests; keys are
 * added with {@code ssh-add}, the passphrase given by an askpass script (as a desktop would).
 */
final class TestAgent implements AutoCloseable {
  final Path socket;
  private final Process process;

  private TestAgent(Path socket, Process process) {
    this.socket = socket;
    this.process = process;
  }

  static TestAgent start(Path dir) throws IOException {
    Path socket = dir.resolve("agent-" + System.nanoTime() + ".sock");
    Process p =
        new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Files.exists(socket) && System.nanoTime() < deadline) {
      SessionBudget.pause(20);
    }
    if (!Files.exists(socket)) {
      p.destroyForcibly();
      throw new AssertionError("ssh-agent did not open " + socket);
    }
    return new TestAgent(socket, p);
  }

  /** An executable script that prints {@code text}: an SSH_ASKPASS program. */
  static Path askpass(Path dir, String name, String text) throws IOException {
    Path script = dir.resolve(name);
    Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' '" + text + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  /** Loads {@code key} (decrypted with {@code passphrase}) into the agent. */
  void add(Path key, String passphrase) throws IOException, InterruptedException {
    Path askpass = askpass(key.getParent(), "askpass-add-" + System.nanoTime(), passphrase);
    ProcessBuilder pb =
        new ProcessBuilder(List.of("ssh-add", key.toString()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectErrorStream(true);
    pb.environment().put("SSH_AUTH_SOCK", socket.toString());
    pb.environment().put("SSH_ASKPASS", askpass.toString());
    pb.environment().put("SSH_ASKPASS_REQUIRE", "force");
    pb.environment().put("DISPLAY", ":0");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("ssh-add failed: " + out);
    }
  }

  @Override
  public void close() {
    process.destroy();
  }
}
