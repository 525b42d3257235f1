package dev.provision.cli.e2e;

import dev.provision.driver.HostDriver;
import dev.provision.live.ObservedResource;
import dev.provision.model.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything of one test deployment that an apply may change, read from the target itself: the
 * Docker objects it owns (with their full configuration, config hash label and whether they run),
 * the deployment env vars (when a backend answers), the secrets file and the app's env file, both
 * as raw text. Two snapshots are equal when the target is the same; {@link #differences} says where
 * they differ without printing any secret value.
 *
 * @param docker by address: the observed resource, whether it runs, its config hash label
 * @param envVars the deployment env vars, or null when no backend answered
 * @param secretsFile the secrets file's text, or null when it does not exist
 * @param envFile the env file's text, or null when it does not exist
 */
record TargetSnapshot(
    SortedMap<String, Docker> docker,
    SortedMap<String, String> envVars,
    String secretsFile,
    String envFile) {

  /** One Docker object as observed (its resource's toString masks secret values). */
  record Docker(Resource resource, Boolean running, String configHash) {}

  /**
   * Reads the target of {@code e}. Env vars are listed with {@code adminKey} when it is not null
   * (the key must then be accepted: a rejected key is itself a difference worth failing on).
   */
  static TargetSnapshot read(E2e e, Path envFile, String adminKey) throws IOException {
    SortedMap<String, Docker> docker = new TreeMap<>();
    try (HostDriver host = e.docker()) {
      for (var entry : host.observe(e.deployment).resources().entrySet()) {
        ObservedResource r = entry.getValue();
        docker.put(
            entry.getKey().toString(),
            new Docker(
                r.resource(), r.status() == null ? null : r.status().running(), r.appliedHash()));
      }
    }
    SortedMap<String, String> vars = null;
    if (adminKey != null) {
      vars = new TreeMap<>(Live.api(e.cloudUrl(), adminKey).listEnvironmentVariables());
    }
    return new TargetSnapshot(docker, vars, text(e.dir.resolve("secrets.json")), text(envFile));
  }

  private static String text(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : null;
  }

  /** Where {@code other} differs from this snapshot, one line each; empty when equal. */
  List<String> differences(TargetSnapshot other) {
    List<String> out = new ArrayList<>();
    var addresses = new java.util.TreeSet<>(docker.keySet());
    addresses.addAll(other.docker.keySet());
    for (String a : addresses) {
      Docker was = docker.get(a);
      Docker now = other.docker.get(a);
      if (was == null) {
        out.add(a + " appeared: " + now);
      } else if (now == null) {
        out.add(a + " disappeared");
      } else if (!was.equals(now)) {
        out.add(a + " changed: " + describe(was, now));
      }
    }
    if (!Objects.equals(envVars, other.envVars)) {
      out.add("deployment env vars changed: " + changedKeys(envVars, other.envVars));
    }
    if (!Objects.equals(secretsFile, other.secretsFile)) {
      out.add(
          "secrets file changed: "
              + (secretsFile == null ? "absent" : "present")
              + " -> "
              + (other.secretsFile == null ? "absent" : "present (" + shape(other) + ")"));
    }
    if (!Objects.equals(envFile, other.envFile)) {
      out.add(
          "env file changed: "
              + (envFile == null ? "absent" : "present")
              + " -> "
              + (other.envFile == null ? "absent" : "present"));
    }
    return out;
  }

  private static String describe(Docker was, Docker now) {
    List<String> parts = new ArrayList<>();
    if (!Objects.equals(was.running(), now.running())) {
      parts.add("running " + was.running() + " -> " + now.running());
    }
    if (!Objects.equals(was.configHash(), now.configHash())) {
      parts.add("config hash changed");
    }
    Map<String, ?> before = was.resource().attributes();
    Map<String, ?> after = now.resource().attributes();
    List<String> keys = changedKeys(before, after);
    if (!keys.isEmpty()) {
      parts.add("attributes " + keys);
    }
    return String.join(", ", parts);
  }

  private static List<String> changedKeys(Map<String, ?> before, Map<String, ?> after) {
    Map<String, ?> a = before == null ? Map.of() : before;
    Map<String, ?> b = after == null ? Map.of() : after;
    var keys = new java.util.TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    keys.removeIf(k -> Objects.equals(a.get(k), b.get(k)));
    return new ArrayList<>(keys);
  }

  /** The secrets file's entry names (never values), for messages. */
  private static String shape(TargetSnapshot s) {
    try {
      List<String> names = new ArrayList<>();
      Live.json(s.secretsFile).fieldNames().forEachRemaining(names::add);
      return names.isEmpty() ? "no entries" : "entries " + names;
    } catch (IOException e) {
      return "not JSON";
    }
  }
}
