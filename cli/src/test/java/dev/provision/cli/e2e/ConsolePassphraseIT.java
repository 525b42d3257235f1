package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console passphrase prompt on a real pseudo-terminal: the CLI runs as its own JVM under {@code
 * script} (util-linux), which gives it a pty, so {@code System.console()} is there. The SSH
 * target's only key is passphrase-protected and no agent or SSH_ASKPASS is set: the CLI asks {@code
 * Enter passphrase for key '...': } once, the test types the passphrase, the plan runs, and what
 * was typed is not echoed back.
 */
class ConsolePassphraseIT {
  private static final String PASSPHRASE = "pt-typed secret";

  @Test
  void thePromptOnATerminalUnlocksTheKey(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script gives a pty");
    String deployment = "pt-tty-" + UUID.randomUUID().toString().substring(0, 8);
    Path key = dir.resolve("key");
    SshE2e.run(
        List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", PASSPHRASE, "-f", key.toString()));
    String server = deployment + "-sshd";
    int port = E2e.freePort();
    try {
      SshServers.startTarget(
          server, Files.readString(dir.resolve("key.pub")).trim(), "127.0.0.1", port);
      Path knownHosts = dir.resolve("known_hosts");
      Files.writeString(knownHosts, SshServers.keyscan("127.0.0.1", port));
      Path spec =
          SshServers.spec(
              dir,
              deployment,
              "host: 127.0.0.1",
              "port: " + port,
              "identityFile: " + key,
              "knownHostsFile: " + knownHosts);
      List<String> words = new ArrayList<>(List.of("plan", spec.toString()));
      words.addAll(SshServers.quickstartSets(dir, E2e.freePort()));
      List<String> cli = ChildCli.command(words);
      String line = cli.stream().map(ConsolePassphraseIT::quote).collect(Collectors.joining(" "));
      ProcessBuilder pb =
          new ProcessBuilder("/usr/bin/script", "-qec", line, "/dev/null")
              .redirectErrorStream(true);
      pb.environment().remove("SSH_AUTH_SOCK");
      pb.environment().remove("SSH_ASKPASS");
      pb.environment().put("NO_COLOR", "1");
      Process p = pb.start();
      ByteArrayOutputStream seen = new ByteArrayOutputStream();
      Thread reader = new Thread(() -> copy(p.getInputStream(), seen));
      reader.start();
      String prompt = "Enter passphrase for key '" + key + "': ";
      awaitText(seen, prompt, Duration.ofSeconds(60));
      OutputStream typed = p.getOutputStream();
      typed.write((PASSPHRASE + "\n").getBytes(StandardCharsets.UTF_8));
      typed.flush();
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(text(seen)).isTrue();
      reader.join(5000);
      String all = text(seen);
      assertThat(p.exitValue()).as(all).isZero();
      assertThat(all).contains("Plan for deployment \"" + deployment + "\"");
      assertThat(all.split(java.util.regex.Pattern.quote(prompt), -1)).hasSize(2);
      assertThat(all).doesNotContain(PASSPHRASE);
    } finally {
      SshE2e.removeEverything(deployment);
      SshE2e.run(List.of("docker", "rm", "-f", server));
    }
  }

  private static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    byte[] buffer = new byte[4096];
    try {
      for (int n; (n = in.read(buffer)) > 0; ) {
        synchronized (out) {
          out.write(buffer, 0, n);
        }
      }
    } catch (java.io.IOException closed) {
      // the process ended
    }
  }

  private static String text(ByteArrayOutputStream out) {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private static void awaitText(ByteArrayOutputStream out, String text, Duration max)
      throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!text(out).contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no prompt within " + max + ": " + text(out));
      }
      Thread.sleep(50);
    }
  }
}
