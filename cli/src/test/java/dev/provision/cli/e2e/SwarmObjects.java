package dev.provision.cli.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * What a deployment has on a Swarm, read with the {@code docker} client against a node's engine
 * ({@code docker -H}), not through provision: its services and networks (by label), its lock (a
 * Swarm config), and the tasks running on the node.
 */
final class SwarmObjects {
  private SwarmObjects() {}

  /** {@code service NAME}, {@code network NAME} and {@code lock NAME} lines of the deployment. */
  static List<String> of(String host, String deployment) {
    String label = "label=dev.provision.deployment=" + deployment;
    List<String> all = new ArrayList<>();
    for (String s : lines(host, "service", "ls", "--filter", label, "--format", "{{.Name}}")) {
      all.add("service " + s);
    }
    for (String n : lines(host, "network", "ls", "--filter", label, "--format", "{{.Name}}")) {
      all.add("network " + n);
    }
    for (String c : lock(host, deployment)) {
      all.add("lock " + c);
    }
    return all;
  }

  /** The deployment's lock config, when one exists. */
  static List<String> lock(String host, String deployment) {
    String name = deployment + "-lock";
    return lines(host, "config", "ls", "--filter", "name=" + name, "--format", "{{.Name}}").stream()
        .filter(name::equals)
        .toList();
  }

  /** The deployment's volumes on the node. */
  static List<String> volumes(String host, String deployment) {
    return lines(
        host,
        "volume",
        "ls",
        "--filter",
        "label=dev.provision.deployment=" + deployment,
        "--format",
        "{{.Name}}");
  }

  /**
   * A probe for {@link OneWriterSampler}: the tasks on the node (current and past) of the services
   * whose name starts with {@code prefix}, and a problem when more than {@code max} of them are
   * starting or running at once.
   */
  static List<String> runningTasksOver(String host, String prefix, int max) {
    List<String> running = new ArrayList<>();
    for (String line :
        lines(
            host, "node", "ps", "self", "--no-trunc", "--format", "{{.Name}}|{{.CurrentState}}")) {
      String[] parts = line.replace("\\_", "").strip().split("\\|", 2);
      String state = parts.length > 1 ? parts[1] : "";
      if (parts[0].startsWith(prefix)
          && (state.startsWith("Running") || state.startsWith("Starting"))) {
        running.add(parts[0] + " " + state);
      }
    }
    return running.size() > max ? List.of("tasks running at once: " + running) : List.of();
  }

  private static List<String> lines(String host, String... args) {
    return DockerCli.runAt(host, args).lines().filter(l -> !l.isBlank()).toList();
  }
}
