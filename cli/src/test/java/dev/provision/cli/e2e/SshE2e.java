package dev.provision.cli.e2e;

import dev.provision.cli.Main;
import dev.provision.driver.HostDriver;
import dev.provision.driver.docker.DockerHostDriver;
import dev.provision.live.ObservedResource;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.Target;
import dev.provision.model.VolumeResource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the SSH end-to-end tests share: running the CLI, commands, waiting for sshd, clean-up. */
final class SshE2e {
  private SshE2e() {}

  static E2e.Run cli(String command, Path spec, List<String> sets, String... extra) {
    List<String> args = new ArrayList<>(List.of(command, spec.toString()));
    args.addAll(sets);
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> env = new HashMap<>(System.getenv());
    int code =
        Main.run(
            args.toArray(String[]::new),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            env,
            false);
    return new E2e.Run(code, out.toString(), err.toString());
  }

  static void removeEverything(String deployment) {
    try (HostDriver host = DockerHostDriver.connect(Target.Docker.local())) {
      for (ObservedResource r : host.observe(deployment).resources().values()) {
        if (r.resource() instanceof ContainerResource c) {
          host.removeContainer(c.name());
        }
      }
      for (ObservedResource r : host.observe(deployment).resources().values()) {
        if (r.resource() instanceof NetworkResource n) {
          host.removeNetwork(n.name());
        } else if (r.resource() instanceof VolumeResource v) {
          host.removeVolume(v.name());
        }
      }
    }
  }

  static void awaitPort(String host, int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 1000);
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
