package dev.provision.driver;

import dev.provision.live.ObservedResource;
import dev.provision.live.RuntimeStatus;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.PortBinding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One container held by {@link FakeHostDriver}: its spec, state, files, log, and the few commands
 * an exec into it understands. Guarded by the driver's lock.
 */
final class FakeContainer {
  /** The owning deployment; null for a container made outside provision (no labels). */
  final String deployment;

  final ContainerResource spec;
  final String configHash;
  final Map<String, String> extraLabels;
  final Map<String, byte[]> files;
  final List<String> logs = new ArrayList<>();
  boolean running;
  Integer exitCode;
  String restartPolicy;
  boolean stoppedByHand;

  FakeContainer(
      String deployment,
      ContainerResource spec,
      String hash,
      Map<String, String> extraLabels,
      Map<String, byte[]> files) {
    this.deployment = deployment;
    this.spec = spec;
    this.configHash = hash;
    this.extraLabels = Map.copyOf(extraLabels);
    this.files = new HashMap<>(files);
    this.restartPolicy = spec.restartPolicy() == null ? "no" : spec.restartPolicy();
  }

  /** The named volumes it mounts (its data sets). */
  List<String> volumes() {
    return spec.mounts().stream().filter(m -> !m.bind()).map(m -> m.source()).toList();
  }

  /**
   * Whether a Docker daemon that restarts brings it back: {@code always} does, {@code
   * unless-stopped} does unless it was stopped by hand, {@code no} never does.
   */
  boolean comesBackAfterDaemonRestart() {
    return switch (restartPolicy) {
      case "always" -> true;
      case "unless-stopped" -> running || !stoppedByHand;
      default -> false;
    };
  }

  /** Starts as {@code script} says: running, or exited at once with its code. */
  void start(String name, FakeScript script) {
    logs.add("starting " + name);
    logs.addAll(script.logs());
    running = script.exitAtOnce() == null;
    stoppedByHand = false;
    exitCode = script.exitAtOnce();
  }

  /**
   * How {@code observe} reports this container under its current {@code name}: as a driver reads it
   * back from labels, without a readiness check; a temporary name ({@code web-next}, {@code
   * web-prev}) gets its own address ({@code container.web-next}).
   */
  ObservedResource observed(String name) {
    Address address = spec.address();
    if (!name.equals(spec.name()) && name.startsWith(spec.name())) {
      address = Address.of(address.kind(), address.name() + name.substring(spec.name().length()));
    }
    ContainerResource seen =
        new ContainerResource(
            address,
            name,
            spec.image(),
            spec.env(),
            spec.ports(),
            spec.mounts(),
            spec.network(),
            spec.alias(),
            spec.command(),
            restartPolicy,
            spec.stopSignal(),
            spec.stopTimeoutSeconds(),
            null,
            List.of(),
            null);
    return new ObservedResource(seen, new RuntimeStatus(running, exitCode, null), configHash);
  }

  FakeState.ContainerView view() {
    return new FakeState.ContainerView(spec.image(), configHash, running, exitCode);
  }

  boolean publishes(int hostPort) {
    return spec.ports().stream().anyMatch(p -> p.hostPort() == hostPort);
  }

  /** A host port this running container holds that {@code other} wants too, else 0. */
  int clashesWith(FakeContainer other) {
    if (!running || other == this) {
      return 0;
    }
    return other.spec.ports().stream()
        .mapToInt(PortBinding::hostPort)
        .filter(this::publishes)
        .findFirst()
        .orElse(0);
  }

  /** How {@code inspectContainer} reports this container, with the labels a driver writes. */
  ContainerState state(String name) {
    Map<String, String> labels = new TreeMap<>();
    if (deployment == null) {
      return new ContainerState(name, spec.image(), running, exitCode, null, labels);
    }
    labels.putAll(extraLabels);
    labels.put(Labels.DEPLOYMENT, deployment);
    labels.put(Labels.NAME, spec.name());
    labels.put(Labels.ADDRESS, spec.address().toString());
    labels.put(Labels.CONFIG_HASH, configHash);
    labels.put(Labels.ENV_KEYS, String.join(",", spec.env().keySet()));
    labels.put(
        Labels.SENSITIVE_KEYS,
        spec.env().entrySet().stream()
            .filter(e -> e.getValue().sensitive())
            .map(Map.Entry::getKey)
            .collect(Collectors.joining(",")));
    return new ContainerState(name, spec.image(), running, exitCode, null, labels);
  }

  /**
   * Runs a command as a minimal shell would: {@code pg_isready} (fails when {@code neverReady}),
   * {@code true}, {@code false}, {@code echo}, {@code env} and {@code cat}; anything else is not
   * found (exit 127).
   */
  ExecResult exec(List<String> command, boolean neverReady) {
    String program = command.isEmpty() ? "" : command.get(0);
    List<String> args = command.isEmpty() ? List.of() : command.subList(1, command.size());
    switch (program) {
      case "pg_isready":
        return neverReady
            ? new ExecResult(2, "127.0.0.1:5432 - no response\n", "")
            : new ExecResult(0, "127.0.0.1:5432 - accepting connections\n", "");
      case "true":
        return new ExecResult(0, "", "");
      case "false":
        return new ExecResult(1, "", "");
      case "echo":
        return new ExecResult(0, String.join(" ", args) + "\n", "");
      case "env":
        String env =
            spec.env().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().text() + "\n")
                .collect(Collectors.joining());
        return new ExecResult(0, env, "");
      case "cat":
        byte[] file = args.isEmpty() ? null : files.get(args.get(0));
        return file == null
            ? new ExecResult(
                1, "", "cat: " + String.join(" ", args) + ": No such file or directory\n")
            : new ExecResult(0, new String(file, StandardCharsets.UTF_8), "");
      default:
        return new ExecResult(127, "", program + ": command not found\n");
    }
  }
}
