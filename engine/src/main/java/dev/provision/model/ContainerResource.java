package dev.provision.model;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A container: everything needed to create it, and everything compared to decide whether a running
 * one must be replaced. Labels (owner, address, config hash) are added by the driver.
 *
 * @param name the container name on the host
 * @param env environment; secrets are sensitive values
 * @param network the deployment network, with {@code alias} as its DNS name there
 * @param stopSignal e.g. SIGINT for the backend
 * @param extraAliases more DNS names on the network besides {@code alias}, sorted (the proxy's
 *     public names, so that containers on the network reach them through it); usually empty
 * @param healthCheck the Docker health check it is created with, or null for none; not among the
 *     compared {@link #attributes()} (see {@link HealthCheck})
 */
public record ContainerResource(
    Address address,
    String name,
    String image,
    SortedMap<String, Value> env,
    List<PortBinding> ports,
    List<Mount> mounts,
    String network,
    String alias,
    List<String> command,
    String restartPolicy,
    String stopSignal,
    int stopTimeoutSeconds,
    Readiness readiness,
    List<String> extraAliases,
    HealthCheck healthCheck)
    implements Resource {

  public ContainerResource {
    extraAliases = extraAliases == null ? List.of() : List.copyOf(extraAliases);
  }

  /**
   * True when the container mounts a named volume: it owns a data set (the backend's data, the
   * Postgres data directory), so two of it must never run at once. Bind mounts (a CA file) do not
   * count. See {@link ReplaceOrder}.
   */
  public boolean ownsData() {
    return mounts.stream().anyMatch(m -> !m.bind());
  }

  /** The same container with other env values (same names and order of keys as given). */
  public ContainerResource withEnv(SortedMap<String, Value> otherEnv) {
    return toBuilder().env(otherEnv).build();
  }

  /**
   * The same container under another address and name (a swap's {@code -next} or {@code -prev}).
   */
  public ContainerResource renamed(Address otherAddress, String otherName) {
    return toBuilder().address(otherAddress).name(otherName).build();
  }

  /** The same container with another health check (null for none). */
  public ContainerResource withHealthCheck(HealthCheck check) {
    return toBuilder().healthCheck(check).build();
  }

  /** The same container with another restart policy. */
  public ContainerResource withRestartPolicy(String policy) {
    return toBuilder().restartPolicy(policy).build();
  }

  /** The same container with another readiness check. */
  public ContainerResource withReadiness(Readiness check) {
    return toBuilder().readiness(check).build();
  }

  private Builder toBuilder() {
    return new Builder(this);
  }

  @Override
  public SortedMap<String, Value> attributes() {
    SortedMap<String, Value> map = new TreeMap<>();
    map.put("name", Value.plain(name));
    map.put("image", Value.plain(image));
    env.forEach((k, v) -> map.put("env." + k, v));
    for (PortBinding p : ports) {
      map.put("ports." + p.containerPort(), Value.plain(p.hostIp() + ":" + p.hostPort()));
    }
    for (Mount m : mounts) {
      map.put("mounts." + m.target(), Value.plain(m.source() + (m.readOnly() ? " (ro)" : "")));
    }
    if (network != null) {
      map.put(
          "network",
          Value.plain(
              network
                  + (alias == null ? "" : " as " + alias)
                  + (extraAliases.isEmpty() ? "" : ", " + String.join(", ", extraAliases))));
    }
    if (!command.isEmpty()) {
      map.put("command", Value.plain(String.join(" ", command)));
    }
    map.put("restart", Value.plain(restartPolicy));
    map.put("stop", Value.plain(stopSignal + " after " + stopTimeoutSeconds + "s"));
    return map;
  }

  /** Copies a container with some fields changed, for the {@code with...} methods. */
  private static final class Builder {
    private Address address;
    private String name;
    private String image;
    private SortedMap<String, Value> env;
    private List<PortBinding> ports;
    private List<Mount> mounts;
    private String network;
    private String alias;
    private List<String> command;
    private String restartPolicy;
    private String stopSignal;
    private int stopTimeoutSeconds;
    private Readiness readiness;
    private List<String> extraAliases;
    private HealthCheck healthCheck;

    private Builder(ContainerResource c) {
      address = c.address;
      name = c.name;
      image = c.image;
      env = c.env;
      ports = c.ports;
      mounts = c.mounts;
      network = c.network;
      alias = c.alias;
      command = c.command;
      restartPolicy = c.restartPolicy;
      stopSignal = c.stopSignal;
      stopTimeoutSeconds = c.stopTimeoutSeconds;
      readiness = c.readiness;
      extraAliases = c.extraAliases;
      healthCheck = c.healthCheck;
    }

    Builder address(Address value) {
      address = value;
      return this;
    }

    Builder name(String value) {
      name = value;
      return this;
    }

    Builder env(SortedMap<String, Value> value) {
      env = value;
      return this;
    }

    Builder restartPolicy(String value) {
      restartPolicy = value;
      return this;
    }

    Builder readiness(Readiness value) {
      readiness = value;
      return this;
    }

    Builder healthCheck(HealthCheck value) {
      healthCheck = value;
      return this;
    }

    ContainerResource build() {
      return new ContainerResource(
          address,
          name,
          image,
          env,
          ports,
          mounts,
          network,
          alias,
          command,
          restartPolicy,
          stopSignal,
          stopTimeoutSeconds,
          readiness,
          extraAliases,
          healthCheck);
    }
  }
}
