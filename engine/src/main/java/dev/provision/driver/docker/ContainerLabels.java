package dev.provision.driver.docker;

import dev.provision.driver.Labels;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Value;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The labels written on what the engine creates, and how they are read back. Pure.
 *
 * <p>On a container: {@link Labels#DEPLOYMENT}, {@link Labels#ADDRESS}, {@link Labels#CONFIG_HASH},
 * {@link Labels#NAME} (the name the spec asked for, which differs from the actual name while a
 * replacement runs), {@link Labels#ENV_KEYS} and {@link Labels#SENSITIVE_KEYS} (comma-separated,
 * sorted; names only, never values), {@link Labels#COMMAND_SET} when the spec sets a command and
 * {@link Labels#HEALTH_SET} when it sets a health check.
 */
public final class ContainerLabels {
  private ContainerLabels() {}

  /** Labels for a network or volume: owner and address. */
  public static SortedMap<String, String> owned(String deployment, Address address) {
    SortedMap<String, String> labels = new TreeMap<>();
    labels.put(Labels.DEPLOYMENT, deployment);
    labels.put(Labels.ADDRESS, address.toString());
    return labels;
  }

  public static SortedMap<String, String> forContainer(
      String deployment, ContainerResource spec, String configHash) {
    SortedMap<String, String> labels = owned(deployment, spec.address());
    if (configHash != null) {
      labels.put(Labels.CONFIG_HASH, configHash);
    }
    labels.put(Labels.NAME, spec.name());
    labels.put(Labels.ENV_KEYS, String.join(",", spec.env().keySet()));
    TreeSet<String> sensitive = new TreeSet<>();
    spec.env()
        .forEach(
            (k, v) -> {
              if (v.sensitive()) {
                sensitive.add(k);
              }
            });
    labels.put(Labels.SENSITIVE_KEYS, String.join(",", sensitive));
    if (!spec.command().isEmpty()) {
      labels.put(Labels.COMMAND_SET, "true");
    }
    if (spec.healthCheck() != null) {
      labels.put(Labels.HEALTH_SET, "true");
    }
    return labels;
  }

  /** {@code KEY=VALUE} strings for the engine, in key order. */
  public static List<String> envList(SortedMap<String, Value> env) {
    return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().text()).toList();
  }

  /**
   * The engine's env (which includes what the image sets) restricted to the keys the labels list,
   * with the listed sensitive keys marked secret.
   */
  public static SortedMap<String, Value> envFrom(
      List<String> engineEnv, Map<String, String> labels) {
    List<String> keys = split(labels.get(Labels.ENV_KEYS));
    List<String> sensitive = split(labels.get(Labels.SENSITIVE_KEYS));
    SortedMap<String, Value> env = new TreeMap<>();
    for (String entry : engineEnv) {
      int eq = entry.indexOf('=');
      String key = eq < 0 ? entry : entry.substring(0, eq);
      String text = eq < 0 ? "" : entry.substring(eq + 1);
      if (keys.contains(key)) {
        env.put(key, new Value(text, sensitive.contains(key)));
      }
    }
    return env;
  }

  public static List<String> split(String list) {
    if (list == null || list.isBlank()) {
      return List.of();
    }
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
