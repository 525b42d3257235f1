package dev.provision.driver.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.provision.diag.ProvisionException;
import dev.provision.model.ContainerResource;
import dev.provision.model.HealthCheck;
import dev.provision.model.Mount;
import dev.provision.model.PortBinding;
import java.util.List;

/**
 * Builds the engine's create request from a {@link ContainerResource}: env, labels (see {@link
 * ContainerLabels}), published ports on the given host address, mounts (named volume or bind,
 * read-only or not), the network with the DNS alias, command, restart policy, stop signal, stop
 * timeout and health check. It only fills a docker-java command; sending it is the caller's job.
 */
final class ContainerCreator {
  private ContainerCreator() {}

  /** Fills {@code cmd} (made by {@code client.createContainerCmd(image)}) from the spec. */
  static CreateContainerCmd fill(
      CreateContainerCmd cmd, String deployment, ContainerResource spec, String name, String hash) {
    return fill(cmd, deployment, spec, name, hash, java.util.Map.of());
  }

  /** As above, with {@code extra} labels added. */
  static CreateContainerCmd fill(
      CreateContainerCmd cmd,
      String deployment,
      ContainerResource spec,
      String name,
      String hash,
      java.util.Map<String, String> extra) {
    java.util.Map<String, String> labels =
        new java.util.TreeMap<>(ContainerLabels.forContainer(deployment, spec, hash));
    labels.putAll(extra);
    cmd.withName(name)
        .withEnv(ContainerLabels.envList(spec.env()))
        .withLabels(labels)
        .withStopTimeout(spec.stopTimeoutSeconds());
    if (spec.stopSignal() != null) {
      cmd.withStopSignal(spec.stopSignal());
    }
    if (!spec.command().isEmpty()) {
      cmd.withCmd(spec.command());
    }
    if (spec.healthCheck() != null) {
      cmd.withHealthcheck(healthCheck(spec.healthCheck()));
    }
    HostConfig host =
        HostConfig.newHostConfig()
            .withRestartPolicy(restartPolicy(spec))
            .withMounts(spec.mounts().stream().map(ContainerCreator::mount).toList());
    if (!spec.ports().isEmpty()) {
      Ports ports = new Ports();
      for (PortBinding p : spec.ports()) {
        ports.bind(
            ExposedPort.tcp(p.containerPort()),
            Ports.Binding.bindIpAndPort(p.hostIp(), p.hostPort()));
      }
      host.withPortBindings(ports);
      cmd.withExposedPorts(
          spec.ports().stream().map(p -> ExposedPort.tcp(p.containerPort())).toList());
    }
    if (spec.network() != null) {
      host.withNetworkMode(spec.network());
      if (spec.alias() != null) {
        List<String> aliases = new java.util.ArrayList<>(List.of(spec.alias()));
        aliases.addAll(spec.extraAliases());
        cmd.withAliases(aliases);
      }
    }
    return cmd.withHostConfig(host);
  }

  /** Docker's form: {@code CMD} and the arguments, durations in nanoseconds. */
  static com.github.dockerjava.api.model.HealthCheck healthCheck(HealthCheck h) {
    List<String> test = new java.util.ArrayList<>();
    test.add("CMD");
    test.addAll(h.command());
    return new com.github.dockerjava.api.model.HealthCheck()
        .withTest(test)
        .withInterval(h.interval().toNanos())
        .withTimeout(h.timeout().toNanos())
        .withStartPeriod(h.startPeriod().toNanos())
        .withRetries(h.retries());
  }

  private static RestartPolicy restartPolicy(ContainerResource spec) {
    return restartPolicy(spec.name(), spec.restartPolicy() == null ? "no" : spec.restartPolicy());
  }

  /** Parses a restart policy; fails with a hint when Docker would not know it. */
  static RestartPolicy restartPolicy(String container, String policy) {
    try {
      return RestartPolicy.parse(policy);
    } catch (IllegalArgumentException e) {
      throw ProvisionException.of(
          "container " + container + ": unknown restart policy '" + policy + "'",
          "use no, always, unless-stopped or on-failure[:N]");
    }
  }

  private static com.github.dockerjava.api.model.Mount mount(Mount m) {
    return new com.github.dockerjava.api.model.Mount()
        .withType(m.bind() ? MountType.BIND : MountType.VOLUME)
        .withSource(m.source())
        .withTarget(m.target())
        .withReadOnly(m.readOnly());
  }
}
