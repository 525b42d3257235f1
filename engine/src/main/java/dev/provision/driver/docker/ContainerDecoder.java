package dev.provision.driver.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.driver.ContainerState;
import dev.provision.driver.Labels;
import dev.provision.live.ObservedResource;
import dev.provision.live.RuntimeStatus;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.HealthCheck;
import dev.provision.model.Mount;
import dev.provision.model.PortBinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Rebuilds a {@link ContainerResource} from the engine's inspect JSON ({@code GET
 * /containers/NAME/json}) so that a container created from a spec reads back with equal {@link
 * ContainerResource#attributes()} and an equal health check. Readiness cannot be read from a
 * container: it is null.
 *
 * <p>A container whose actual name differs from the name its {@link Labels#NAME} label recorded (a
 * replacement still called {@code NAME-next}, or an old one renamed to {@code NAME-prev}) is given
 * its own address: the labelled address with the name's extra suffix appended, e.g. {@code
 * container.backend-next}; an unrelated name gives {@code container.backend@ACTUAL}. So a
 * half-finished replace shows up in a plan instead of hiding behind the main container.
 *
 * <p>Pure: JSON in, records out.
 */
public final class ContainerDecoder {
  private ContainerDecoder() {}

  static ObservedResource decode(JsonNode inspect) {
    return decode(inspect, HostFacts.unknown());
  }

  /**
   * Reads what really runs: the networks the container is attached to and that exist, its env,
   * mounts, ports, and its image (the configured name, marked {@code NAME@ID} when the container
   * runs another image id than the name resolves to now). Labels only give the address, the env
   * keys the engine set and which of them are secret.
   */
  static ObservedResource decode(JsonNode inspect, HostFacts facts) {
    JsonNode config = inspect.path("Config");
    JsonNode host = inspect.path("HostConfig");
    Map<String, String> labels = labels(config);
    String name = name(inspect);
    String network = attachedNetwork(inspect, host.path("NetworkMode").asText(""), facts);
    ContainerResource resource =
        new ContainerResource(
            address(labels, name),
            name,
            image(inspect, facts),
            ContainerLabels.envFrom(strings(config.path("Env")), labels),
            ports(host.path("PortBindings")),
            mounts(host),
            network,
            network == null ? null : alias(inspect, network),
            "true".equals(labels.get(Labels.COMMAND_SET)) ? strings(config.path("Cmd")) : List.of(),
            restart(host.path("RestartPolicy")),
            config.hasNonNull("StopSignal") ? config.get("StopSignal").asText() : null,
            config.hasNonNull("StopTimeout") ? config.get("StopTimeout").asInt() : 10,
            null,
            network == null ? List.of() : extraAliases(inspect, network),
            "true".equals(labels.get(Labels.HEALTH_SET))
                ? healthCheck(config.path("Healthcheck"))
                : null);
    return new ObservedResource(
        resource, status(inspect.path("State")), labels.get(Labels.CONFIG_HASH));
  }

  static ContainerState state(JsonNode inspect) {
    RuntimeStatus status = status(inspect.path("State"));
    return new ContainerState(
        name(inspect),
        inspect.path("Config").path("Image").asText(""),
        status.running(),
        status.exitCode(),
        status.health(),
        labels(inspect.path("Config")));
  }

  public static Address address(Map<String, String> labels, String actualName) {
    Address labelled;
    try {
      labelled = Address.parse(labels.getOrDefault(Labels.ADDRESS, ""));
    } catch (IllegalArgumentException e) {
      labelled = Address.of(Address.Kind.CONTAINER, actualName);
    }
    String intended = labels.get(Labels.NAME);
    if (intended == null || intended.equals(actualName)) {
      return labelled;
    }
    String suffix =
        actualName.startsWith(intended)
            ? actualName.substring(intended.length())
            : "@" + actualName;
    return Address.of(labelled.kind(), labelled.name() + suffix);
  }

  private static String name(JsonNode inspect) {
    String name = inspect.path("Name").asText("");
    return name.startsWith("/") ? name.substring(1) : name;
  }

  private static Map<String, String> labels(JsonNode config) {
    SortedMap<String, String> labels = new TreeMap<>();
    config.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  private static List<PortBinding> ports(JsonNode bindings) {
    List<PortBinding> ports = new ArrayList<>();
    bindings
        .properties()
        .forEach(
            e -> {
              int containerPort = Integer.parseInt(e.getKey().replaceAll("/.*", ""));
              for (JsonNode b : e.getValue()) {
                String hostPort = b.path("HostPort").asText("");
                ports.add(
                    new PortBinding(
                        b.path("HostIp").asText(""),
                        hostPort.isEmpty() ? 0 : Integer.parseInt(hostPort),
                        containerPort));
              }
            });
    ports.sort(Comparator.comparingInt(PortBinding::containerPort));
    return ports;
  }

  private static List<Mount> mounts(JsonNode host) {
    List<Mount> mounts = new ArrayList<>();
    for (JsonNode m : host.path("Mounts")) {
      mounts.add(
          new Mount(
              m.path("Source").asText(""),
              m.path("Target").asText(""),
              "bind".equals(m.path("Type").asText()),
              m.path("ReadOnly").asBoolean(false)));
    }
    // Containers made by other tools may use -v style binds: SOURCE:TARGET[:ro].
    for (String bind : strings(host.path("Binds"))) {
      String[] parts = bind.split(":");
      if (parts.length >= 2) {
        boolean ro = parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
        mounts.add(new Mount(parts[0], parts[1], parts[0].startsWith("/"), ro));
      }
    }
    return mounts;
  }

  /** The image name, or {@code NAME@ID} when the container runs another image than NAME now is. */
  static String image(JsonNode inspect, HostFacts facts) {
    String configured = inspect.path("Config").path("Image").asText("");
    String running = inspect.path("Image").asText("");
    return facts
        .imageId(configured)
        .filter(now -> !running.isEmpty() && !now.equals(running))
        .map(now -> configured + "@" + running)
        .orElse(configured);
  }

  /**
   * The user-defined network the container is really attached to and that exists: the one named by
   * its network mode when it is among them, else the first attached one; null when none. A network
   * deleted (and perhaps re-created under the same name) leaves the container on no network.
   */
  private static String attachedNetwork(JsonNode inspect, String mode, HostFacts facts) {
    JsonNode attached = inspect.path("NetworkSettings").path("Networks");
    List<String> real = new ArrayList<>();
    attached
        .properties()
        .forEach(
            e -> {
              String id = e.getValue().path("NetworkID").asText("");
              boolean exists =
                  id.isEmpty() ? facts.networkExists(e.getKey()) : facts.networkExists(id);
              if (exists && !List.of("bridge", "host", "none", "default").contains(e.getKey())) {
                real.add(e.getKey());
              }
            });
    if (attached.isMissingNode()) {
      // an inspect without network settings at all: only the mode can tell
      return mode.isEmpty() || mode.equals("default") || !facts.networkExists(mode) ? null : mode;
    }
    return real.contains(mode) ? mode : real.isEmpty() ? null : real.get(0);
  }

  /** The first alias on {@code network} that is not the engine's own (a prefix of the id). */
  private static String alias(JsonNode inspect, String network) {
    String id = inspect.path("Id").asText("");
    JsonNode aliases =
        inspect.path("NetworkSettings").path("Networks").path(network).path("Aliases");
    for (String alias : strings(aliases)) {
      if (!(id.startsWith(alias) && alias.length() >= 12)) {
        return alias;
      }
    }
    return null;
  }

  /** The aliases on {@code network} after the first, sorted, without the engine's own. */
  private static List<String> extraAliases(JsonNode inspect, String network) {
    String id = inspect.path("Id").asText("");
    String first = alias(inspect, network);
    JsonNode aliases =
        inspect.path("NetworkSettings").path("Networks").path(network).path("Aliases");
    return strings(aliases).stream()
        .filter(a -> !a.equals(first) && !(id.startsWith(a) && a.length() >= 12))
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * The container's health check: Docker's {@code CMD} form as its command, a {@code CMD-SHELL} one
   * as {@code /bin/sh -c TEXT}; null for none (also {@code NONE}, which switches off the image's
   * own).
   */
  public static HealthCheck healthCheck(JsonNode check) {
    List<String> test = strings(check.path("Test"));
    if (test.size() < 2 || !List.of("CMD", "CMD-SHELL").contains(test.get(0))) {
      return null;
    }
    List<String> command =
        test.get(0).equals("CMD")
            ? test.subList(1, test.size())
            : List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
    return new HealthCheck(
        command,
        Duration.ofNanos(check.path("Interval").asLong(0)),
        Duration.ofNanos(check.path("Timeout").asLong(0)),
        Duration.ofNanos(check.path("StartPeriod").asLong(0)),
        Math.max(1, check.path("Retries").asInt(0)));
  }

  private static String restart(JsonNode policy) {
    String name = policy.path("Name").asText("");
    if (name.isEmpty()) {
      return "no";
    }
    int retries = policy.path("MaximumRetryCount").asInt(0);
    return name.equals("on-failure") && retries > 0 ? name + ":" + retries : name;
  }

  /**
   * A container the restart policy keeps restarting (it exits and comes back) counts as not
   * running, with its last exit code: readiness then fails at once instead of waiting out its
   * deadline, and a plan recreates it.
   */
  private static RuntimeStatus status(JsonNode state) {
    boolean running =
        state.path("Running").asBoolean(false) && !state.path("Restarting").asBoolean(false);
    boolean neverRan = "created".equals(state.path("Status").asText());
    Integer exit =
        running || neverRan || !state.has("ExitCode") ? null : state.get("ExitCode").asInt();
    String health =
        state.path("Health").hasNonNull("Status")
            ? state.path("Health").get("Status").asText()
            : null;
    return new RuntimeStatus(running, exit, health);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
      out.add(it.next().asText());
    }
    return out;
  }
}
