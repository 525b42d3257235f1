package dev.provision.cli.e2e;

import dev.provision.cli.Main;
import dev.provision.driver.HostDriver;
import dev.provision.driver.docker.DockerHostDriver;
import dev.provision.live.ObservedResource;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.Target;
import dev.provision.model.VolumeResource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Drives the real CLI against the real Docker engine for one test deployment: a unique name, free
 * host ports on 127.0.0.1, secrets and outputs in a temporary folder, and the image names from
 * configuration, so the same tests run against the real Convex and Postgres images where a registry
 * is reachable:
 *
 * <ul>
 *   <li>{@code PROVISION_TEST_BACKEND_IMAGE} (default {@code provision-test/convex-backend:latest})
 *   <li>{@code PROVISION_TEST_DASHBOARD_IMAGE} (default {@code
 *       provision-test/convex-dashboard:latest})
 *   <li>{@code PROVISION_TEST_POSTGRES_IMAGE} (default {@code provision-test/postgres:latest})
 * </ul>
 *
 * Each may also be given as a system property of the same name.
 */
final class E2e implements AutoCloseable {
  final String deployment = "pt-e2e-" + UUID.randomUUID().toString().substring(0, 8);
  final Path dir;
  final int apiPort = freePort();
  final int sitePort = freePort();
  final int dashboardPort = freePort();
  final Map<String, String> env = new HashMap<>(System.getenv());
  final List<String> outputs = new ArrayList<>();

  /** Where the published ports are reached: loopback on the local engine, a node's address else. */
  String host = "127.0.0.1";

  /** More --set overrides every run gets, such as another target. */
  final List<String> extraSets = new ArrayList<>();

  /** Opens the target as the test inspects and cleans it (default: the local engine). */
  Supplier<HostDriver> driver = () -> DockerHostDriver.connect(Target.Docker.local());

  E2e() throws IOException {
    dir = Files.createTempDirectory("provision-e2e");
  }

  static String image(String name, String fallback) {
    String value = System.getProperty(name, System.getenv(name));
    return value == null || value.isBlank() ? fallback : value;
  }

  static String backendImage() {
    return image("PROVISION_TEST_BACKEND_IMAGE", "provision-test/convex-backend:latest");
  }

  static String dashboardImage() {
    return image("PROVISION_TEST_DASHBOARD_IMAGE", "provision-test/convex-dashboard:latest");
  }

  static String postgresImage() {
    return image("PROVISION_TEST_POSTGRES_IMAGE", "provision-test/postgres:latest");
  }

  /** The --set overrides that make an example spec this test's own deployment. */
  List<String> sets() {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--set", "deployment=" + deployment,
                "--set", "backend.image=" + backendImage(),
                "--set", "dashboard.image=" + dashboardImage(),
                "--set", "backend.ports.api=" + apiPort,
                "--set", "backend.ports.site=" + sitePort,
                "--set", "dashboard.port=" + dashboardPort,
                "--set", "secrets.file=" + dir.resolve("secrets.json")));
    all.addAll(extraSets);
    return all;
  }

  /** Runs {@code provision ARGS SPEC <sets> EXTRA} and records its output. */
  Run run(String command, String spec, String... extra) {
    List<String> args = new ArrayList<>(List.of(command, spec));
    args.addAll(sets());
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            args.toArray(String[]::new),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            env,
            false);
    Run run = new Run(code, out.toString(), err.toString());
    outputs.add(run.out());
    outputs.add(run.err());
    return run;
  }

  String cloudUrl() {
    return "http://" + host + ":" + apiPort;
  }

  String dashboardUrl() {
    return "http://" + host + ":" + dashboardPort + "/";
  }

  HostDriver docker() {
    return driver.get();
  }

  /**
   * Removes whatever the deployment left: containers, networks, volumes (by label), and a lock a
   * killed run left behind.
   */
  @Override
  public void close() {
    try (HostDriver host = docker()) {
      host.readLock(deployment).ifPresent(lock -> host.removeLock(deployment, lock.id()));
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

  static Address address(String text) {
    return Address.parse(text);
  }

  static int freePort() {
    return dev.provision.testing.FreePorts.pick(); // below the ephemeral range
  }

  /** One CLI run. */
  record Run(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }
}
