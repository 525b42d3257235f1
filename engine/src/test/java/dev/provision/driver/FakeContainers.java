package dev.provision.driver;

import static dev.provision.driver.FakeCalls.fail;

import dev.provision.exec.ready.CheckAnswer;
import dev.provision.live.ObservedResource;
import dev.provision.model.Address;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The containers {@link FakeHostDriver} holds, by name, with the scripts that say how they behave
 * and the rules Docker enforces when one starts (two running containers cannot publish the same
 * host port); also what the single-writer tests watch: every start beside another running writer of
 * the same volume, and a daemon restart. Guarded by the driver's lock.
 */
final class FakeContainers {
  final Map<String, FakeContainer> all = new TreeMap<>();
  private final Map<String, FakeScript> scripts = new HashMap<>();
  private final List<String> sharedData = new ArrayList<>();
  Map<String, String> lastExecEnv = Map.of();

  void script(String nameOrImage, FakeScript script) {
    scripts.put(nameOrImage, script);
  }

  /** The container called {@code name}; fails as Docker does when there is none. */
  FakeContainer get(String name) {
    FakeContainer c = all.get(name);
    if (c == null) {
      throw fail("no such container: " + name);
    }
    return c;
  }

  /** How a container behaves: scripted by its name, else by its image, else normally. */
  FakeScript script(String name, FakeContainer c) {
    FakeScript byName = scripts.get(name);
    if (byName != null) {
      return byName;
    }
    return scripts.getOrDefault(c.spec.image(), new FakeScript(null, false, List.of()));
  }

  /** Adds the containers {@code deployment} owns to {@code found}, as a driver reads them back. */
  void observe(String deployment, Map<Address, ObservedResource> found) {
    for (Map.Entry<String, FakeContainer> e : all.entrySet()) {
      if (deployment.equals(e.getValue().deployment)) {
        ObservedResource seen = e.getValue().observed(e.getKey());
        found.put(seen.resource().address(), seen);
      }
    }
  }

  /** The last {@code lines} lines a container logged. */
  List<String> lastLines(String name, int lines) {
    List<String> logs = get(name).logs;
    return List.copyOf(logs.subList(Math.max(0, logs.size() - lines), logs.size()));
  }

  /** What {@code docker logs} would stream for {@code request}: one chunk per line. */
  List<byte[]> logs(String name, LogRequest request) {
    if (get(name) == null) {
      throw dev.provision.diag.ProvisionException.of(
          "container " + name + " does not exist", "run provision apply to create it");
    }
    List<String> logs = get(name).logs;
    int from =
        request.tail().isPresent() ? Math.max(0, logs.size() - request.tail().getAsInt()) : 0;
    return logs.subList(from, logs.size()).stream()
        .map(line -> (line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toList();
  }

  void rename(String from, String to) {
    FakeContainer c = get(from);
    if (all.containsKey(to)) {
      throw fail("cannot rename " + from + ": the name " + to + " is already in use");
    }
    all.remove(from);
    all.put(to, c);
  }

  /** Adds a container under {@code name}, which Docker gives only once. */
  void create(String name, FakeContainer c) {
    if (all.containsKey(name)) {
      throw fail("the container name " + name + " is already in use");
    }
    all.put(name, c);
  }

  /**
   * Runs a command in the running container {@code name}; with {@code env} (null for none) it keeps
   * the values for {@link FakeHostDriver#lastExecEnv} and {@code sh} succeeds with no output.
   */
  ExecResult exec(String name, List<String> command, Map<String, String> env) {
    FakeContainer c = get(name);
    if (!c.running) {
      throw fail("container " + name + " is not running");
    }
    if (env != null) {
      lastExecEnv = Map.copyOf(env);
      if (!command.isEmpty() && command.get(0).equals("sh")) {
        return new ExecResult(0, "", "");
      }
    }
    return c.exec(command, script(name, c).neverReady());
  }

  /** Starts {@code name} unless it runs; refused when another running one holds its host port. */
  void start(String name) {
    FakeContainer c = get(name);
    if (c.running) {
      return;
    }
    for (Map.Entry<String, FakeContainer> other : all.entrySet()) {
      int port = other.getValue().clashesWith(c);
      if (port > 0) {
        throw fail(
            "cannot start "
                + name
                + ": port "
                + port
                + " is already allocated by "
                + other.getKey());
      }
    }
    noteSharedData(name, c);
    c.start(name, script(name, c));
  }

  /** Every container stops, then those whose restart policy says so start again. */
  void restartDaemon() {
    List<String> back = new ArrayList<>();
    all.forEach(
        (name, c) -> {
          if (c.comesBackAfterDaemonRestart()) {
            back.add(name);
          }
          c.running = false;
        });
    for (String name : back) {
      FakeContainer c = all.get(name);
      noteSharedData(name, c);
      c.running = true;
      c.exitCode = null;
    }
  }

  List<String> sharedDataStarts() {
    return List.copyOf(sharedData);
  }

  SortedMap<String, FakeState.ContainerView> views() {
    SortedMap<String, FakeState.ContainerView> views = new TreeMap<>();
    all.forEach((name, c) -> views.put(name, c.view()));
    return views;
  }

  /**
   * 200 from a running container publishing the port, 503 while scripted not ready, else refused.
   */
  CheckAnswer probe(URI uri) {
    for (Map.Entry<String, FakeContainer> e : all.entrySet()) {
      FakeContainer c = e.getValue();
      if (c.running && c.publishes(uri.getPort())) {
        return script(e.getKey(), c).neverReady()
            ? CheckAnswer.notYet("HTTP 503: starting")
            : CheckAnswer.ready("HTTP 200");
      }
    }
    return CheckAnswer.notYet("ConnectException: connection refused");
  }

  private void noteSharedData(String name, FakeContainer c) {
    for (Map.Entry<String, FakeContainer> other : all.entrySet()) {
      if (other.getValue() != c && other.getValue().running) {
        for (String v : c.volumes()) {
          if (other.getValue().volumes().contains(v)) {
            sharedData.add(name + " shares " + v + " with " + other.getKey());
          }
        }
      }
    }
  }
}
