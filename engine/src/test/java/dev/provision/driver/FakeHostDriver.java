package dev.provision.driver;

import dev.provision.diag.ProvisionException;
import dev.provision.exec.ready.CheckAnswer;
import dev.provision.exec.ready.HttpProbe;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.PortBinding;
import dev.provision.model.VolumeResource;
import dev.provision.observe.ObservedResource;
import dev.provision.observe.ObservedState;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An in-memory {@link HostDriver} for tests: networks, volumes, containers and images held in maps,
 * behaving as a Docker engine does where it matters (a name is taken once, two running containers
 * cannot publish the same host port, a volume in use cannot be removed, exec needs a running
 * container). Failures are scripted: a container that exits at once, a service that never becomes
 * ready, a method that fails for a given name. Every call is recorded. Thread-safe.
 *
 * <p>Not a simulator of timing: nothing here waits or runs in the background.
 */
public final class FakeHostDriver implements HostDriver {

  /** How a container started from a given image or under a given name behaves. */
  public record Script(Integer exitAtOnce, boolean neverReady, List<String> logs) {
    public static Script exitsAtOnce(int code, String... logs) {
      return new Script(code, false, List.of(logs));
    }

    public static Script notReady(String... logs) {
      return new Script(null, true, List.of(logs));
    }
  }

  /** A container as the fake holds it, comparable by value for state assertions. */
  public record ContainerView(String image, String configHash, boolean running, Integer exitCode) {}

  /** Everything the fake holds, comparable by value: assert that a rollback restored it. */
  public record State(
      SortedMap<String, String> networks,
      SortedMap<String, String> volumes,
      SortedMap<String, ContainerView> containers,
      Set<String> images) {}

  private final Map<String, NetworkResource> networks = new TreeMap<>();
  private final Map<String, String> networkOwners = new HashMap<>();
  private final Map<String, VolumeResource> volumes = new TreeMap<>();
  private final Map<String, String> volumeOwners = new HashMap<>();
  private final Map<String, FakeContainer> containers = new TreeMap<>();
  private final Map<String, Map<String, String>> imageLabels = new TreeMap<>();
  private final Map<String, Map<String, byte[]>> imageFiles = new HashMap<>();
  private final Set<String> pullable = new HashSet<>();
  private final Map<String, Script> scripts = new HashMap<>();
  private final Set<String> failures = new HashSet<>();
  private final List<String> calls = new ArrayList<>();
  private FakeLocks locks = new FakeLocks();
  private dev.provision.diag.ProvisionException lost;
  private final List<String> sharedData = new ArrayList<>();
  private int crashAt;
  private Map<String, String> lastExecEnv = Map.of();
  private int changes;
  private boolean closed;

  // ---- test set-up and inspection ----

  public synchronized FakeHostDriver addImage(String image) {
    return addImage(image, Map.of(), Map.of());
  }

  /** An image present on the host, with its labels and files that its containers start with. */
  public synchronized FakeHostDriver addImage(
      String image, Map<String, String> labels, Map<String, String> files) {
    imageLabels.put(image, Map.copyOf(labels));
    Map<String, byte[]> bytes = new HashMap<>();
    files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
    imageFiles.put(image, bytes);
    return this;
  }

  /** An image that a registry would serve; {@link #pullImage} fails for any other. */
  public synchronized FakeHostDriver allowPull(String image) {
    pullable.add(image);
    return this;
  }

  /** Scripts containers created under {@code nameOrImage} (a name wins over an image). */
  public synchronized FakeHostDriver script(String nameOrImage, Script script) {
    scripts.put(nameOrImage, script);
    return this;
  }

  /** Makes every later call of {@code method} for {@code name} fail, e.g. startContainer web. */
  public synchronized FakeHostDriver failOn(String method, String name) {
    failures.add(method + " " + name);
    return this;
  }

  /**
   * Simulates a {@code kill -9} of the engine: the {@code n}-th call that changes a container
   * (create, start, stop, remove, rename, restart policy) throws {@link Crash} before it acts. An
   * {@code Error}, so no step's failure handling runs, as in a killed process.
   */
  public synchronized FakeHostDriver crashAt(int n) {
    crashAt = n;
    changes = 0;
    return this;
  }

  /** How many container-changing calls were made so far. */
  public synchronized int containerChanges() {
    return changes;
  }

  /** Thrown by a simulated {@code kill -9}. */
  public static final class Crash extends Error {
    Crash(String call) {
      super("simulated kill -9 before " + call);
    }
  }

  /**
   * A Docker daemon restart (e.g. a reboot after the crash): every container stops, then those
   * whose restart policy says so are started again.
   */
  public synchronized void restartDaemon() {
    List<String> back = new ArrayList<>();
    containers.forEach(
        (name, c) -> {
          if (c.comesBackAfterDaemonRestart()) {
            back.add(name);
          }
          c.running = false;
        });
    for (String name : back) {
      FakeContainer c = containers.get(name);
      noteSharedData(name, c);
      c.running = true;
      c.exitCode = null;
    }
  }

  /**
   * Every moment a container started while another running container mounted one of its named
   * volumes ({@code "NAME shares VOLUME with OTHER"}): two writers on one data set. Empty when the
   * single-writer rule held.
   */
  public synchronized List<String> sharedDataStarts() {
    return List.copyOf(sharedData);
  }

  /** The restart policy a container has now. */
  public synchronized String restartPolicy(String name) {
    return container(name).restartPolicy;
  }

  private void noteSharedData(String name, FakeContainer c) {
    for (Map.Entry<String, FakeContainer> other : containers.entrySet()) {
      if (other.getValue() != c && other.getValue().running) {
        for (String v : c.volumes()) {
          if (other.getValue().volumes().contains(v)) {
            sharedData.add(name + " shares " + v + " with " + other.getKey());
          }
        }
      }
    }
  }

  public synchronized void clearFailures() {
    failures.clear();
  }

  /** Calls so far, as {@code method argument} strings, e.g. {@code startContainer web}. */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  public synchronized State state() {
    SortedMap<String, ContainerView> views = new TreeMap<>();
    containers.forEach((name, c) -> views.put(name, c.view()));
    return new State(
        new TreeMap<>(networkOwners),
        new TreeMap<>(volumeOwners),
        views,
        Set.copyOf(imageLabels.keySet()));
  }

  /**
   * An HTTP probe that answers for the fake's endpoints: 200 when a running container publishes the
   * URI's port and is not scripted to never become ready, 503 when it is, else refused.
   */
  public HttpProbe httpProbe() {
    return uri -> {
      synchronized (this) {
        for (Map.Entry<String, FakeContainer> e : containers.entrySet()) {
          FakeContainer c = e.getValue();
          if (c.running && c.publishes(uri.getPort())) {
            return script(e.getKey(), c).neverReady()
                ? CheckAnswer.notYet("HTTP 503: starting")
                : CheckAnswer.ready("HTTP 200");
          }
        }
        return CheckAnswer.notYet("ConnectException: connection refused");
      }
    };
  }

  // ---- HostDriver ----

  @Override
  public String describe() {
    return "fake host";
  }

  @Override
  public synchronized ObservedState observe(String deployment) {
    call("observe", deployment);
    SortedMap<Address, ObservedResource> found = new TreeMap<>();
    for (NetworkResource n : networks.values()) {
      if (deployment.equals(networkOwners.get(n.name()))) {
        found.put(n.address(), ObservedResource.of(n));
      }
    }
    for (VolumeResource v : volumes.values()) {
      if (deployment.equals(volumeOwners.get(v.name()))) {
        found.put(v.address(), ObservedResource.of(v));
      }
    }
    for (Map.Entry<String, FakeContainer> e : containers.entrySet()) {
      if (deployment.equals(e.getValue().deployment)) {
        ObservedResource seen = e.getValue().observed(e.getKey());
        found.put(seen.resource().address(), seen);
      }
    }
    return new ObservedState(deployment, found);
  }

  @Override
  public synchronized boolean hasImage(String image) {
    call("hasImage", image);
    return imageLabels.containsKey(image);
  }

  @Override
  public synchronized void pullImage(String image, Consumer<String> progress) {
    call("pullImage", image);
    if (!pullable.contains(image)) {
      throw ProvisionException.of(
          "cannot pull image " + image + ": pull access denied or repository does not exist",
          "Check the image name, or build or load the image on the host.");
    }
    progress.accept("Pulling " + image);
    imageLabels.put(image, Map.of());
    imageFiles.put(image, Map.of());
    progress.accept("Downloaded newer image for " + image);
  }

  @Override
  public synchronized Map<String, String> imageLabels(String image) {
    call("imageLabels", image);
    return imageLabels.getOrDefault(image, Map.of());
  }

  @Override
  public synchronized void createNetwork(String deployment, NetworkResource network) {
    call("createNetwork", network.name());
    String owner = networkOwners.get(network.name());
    if (owner != null && !owner.equals(deployment)) {
      throw fail("network " + network.name() + " already exists and belongs to " + owner);
    }
    networks.put(network.name(), network);
    networkOwners.put(network.name(), deployment);
  }

  @Override
  public synchronized void removeNetwork(String name) {
    call("removeNetwork", name);
    boolean inUse =
        containers.values().stream().anyMatch(c -> c.running && name.equals(c.spec.network()));
    if (inUse) {
      throw fail("network " + name + " has active endpoints");
    }
    networks.remove(name);
    networkOwners.remove(name);
  }

  @Override
  public synchronized void createVolume(String deployment, VolumeResource volume) {
    call("createVolume", volume.name());
    String owner = volumeOwners.get(volume.name());
    if (owner != null && !owner.equals(deployment)) {
      throw fail("volume " + volume.name() + " already exists and belongs to " + owner);
    }
    volumes.put(volume.name(), volume);
    volumeOwners.put(volume.name(), deployment);
  }

  @Override
  public synchronized void removeVolume(String name) {
    call("removeVolume", name);
    boolean inUse =
        containers.values().stream()
            .anyMatch(
                c -> c.spec.mounts().stream().anyMatch(m -> !m.bind() && m.source().equals(name)));
    if (inUse) {
      throw fail("volume " + name + " is in use by a container");
    }
    volumes.remove(name);
    volumeOwners.remove(name);
  }

  @Override
  public synchronized Optional<Map<String, String>> volumeLabels(String name) {
    String owner = volumeOwners.get(name);
    return volumes.containsKey(name)
        ? Optional.of(owner == null ? Map.of() : Map.of(Labels.DEPLOYMENT, owner))
        : Optional.empty();
  }

  @Override
  public synchronized List<VolumeUser> volumeUsers(String name) {
    List<VolumeUser> out = new java.util.ArrayList<>();
    containers.forEach(
        (n, c) -> {
          if (c.spec.mounts().stream().anyMatch(m -> !m.bind() && m.source().equals(name))) {
            Map<String, String> labels = Map.of(Labels.DEPLOYMENT, c.deployment);
            out.add(new VolumeUser(n, c.spec.image(), c.running, c.spec.restartPolicy(), labels));
          }
        });
    return out;
  }

  @Override
  public synchronized void createContainer(
      String deployment, ContainerResource spec, String name, String hash, Map<String, String> x) {
    createContainer(deployment, spec, name, hash);
  }

  @Override
  public synchronized void createContainer(
      String deployment, ContainerResource spec, String name, String configHash) {
    call("createContainer", name);
    if (containers.containsKey(name)) {
      throw fail("the container name " + name + " is already in use");
    }
    if (!imageLabels.containsKey(spec.image())) {
      throw fail("no such image: " + spec.image());
    }
    if (spec.network() != null && !networks.containsKey(spec.network())) {
      throw fail("network " + spec.network() + " not found");
    }
    containers.put(
        name, new FakeContainer(deployment, spec, configHash, imageFiles.get(spec.image())));
  }

  @Override
  public synchronized void startContainer(String name) {
    call("startContainer", name);
    FakeContainer c = container(name);
    if (c.running) {
      return;
    }
    for (Map.Entry<String, FakeContainer> other : containers.entrySet()) {
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

  @Override
  public synchronized void stopContainer(String name, int timeoutSeconds) {
    call("stopContainer", name);
    FakeContainer c = container(name);
    if (c.running) {
      c.running = false;
      c.exitCode = 0;
      c.logs.add("stopped");
    }
    c.stoppedByHand = true;
  }

  @Override
  public synchronized void setRestartPolicy(String name, String policy) {
    call("setRestartPolicy", name + " " + policy);
    container(name).restartPolicy = policy;
  }

  @Override
  public synchronized void removeContainer(String name) {
    call("removeContainer", name);
    containers.remove(name);
  }

  @Override
  public synchronized void renameContainer(String from, String to) {
    call("renameContainer", from + " " + to);
    FakeContainer c = container(from);
    if (containers.containsKey(to)) {
      throw fail("cannot rename " + from + ": the name " + to + " is already in use");
    }
    containers.remove(from);
    containers.put(to, c);
  }

  @Override
  public synchronized Optional<ContainerState> inspectContainer(String name) {
    call("inspectContainer", name);
    FakeContainer c = containers.get(name);
    if (c == null) {
      return Optional.empty();
    }
    return Optional.of(c.state(name));
  }

  @Override
  public synchronized List<String> logTail(String name, int lines) {
    call("logTail", name);
    List<String> logs = container(name).logs;
    return List.copyOf(logs.subList(Math.max(0, logs.size() - lines), logs.size()));
  }

  @Override
  public synchronized ExecResult exec(String name, List<String> command) {
    call("exec", name + " " + String.join(" ", command));
    FakeContainer c = container(name);
    if (!c.running) {
      throw fail("container " + name + " is not running");
    }
    return c.exec(command, script(name, c).neverReady());
  }

  /**
   * Records the command and only the names of {@code env} (a test asserts a secret went there and
   * not into the command), keeps the values for {@link #lastExecEnv}, and answers as {@link
   * #exec(String, List)} does, except that {@code sh} succeeds with no output.
   */
  @Override
  public synchronized ExecResult exec(String name, List<String> command, Map<String, String> env) {
    call("exec", name + " " + String.join(" ", command) + " env=" + new TreeMap<>(env).keySet());
    FakeContainer c = container(name);
    if (!c.running) {
      throw fail("container " + name + " is not running");
    }
    lastExecEnv = Map.copyOf(env);
    if (!command.isEmpty() && command.get(0).equals("sh")) {
      return new ExecResult(0, "", "");
    }
    return c.exec(command, script(name, c).neverReady());
  }

  /** The environment of the last exec that had one. */
  public synchronized Map<String, String> lastExecEnv() {
    return lastExecEnv;
  }

  @Override
  public synchronized Optional<byte[]> readFile(String name, String path) {
    call("readFile", name + " " + path);
    byte[] file = container(name).files.get(path);
    return Optional.ofNullable(file).map(byte[]::clone);
  }

  /** From now on {@link #lostConnection()} reports {@code failure}, as a dead link would. */
  public synchronized FakeHostDriver loseConnection(dev.provision.diag.ProvisionException failure) {
    lost = failure;
    return this;
  }

  @Override
  public synchronized Optional<dev.provision.diag.ProvisionException> lostConnection() {
    return Optional.ofNullable(lost);
  }

  @Override
  public URI endpoint(PortBinding binding) {
    String host =
        binding.hostIp() == null || binding.hostIp().equals("0.0.0.0")
            ? "127.0.0.1"
            : binding.hostIp();
    return URI.create("http://" + host + ":" + binding.hostPort());
  }

  /** Shares {@code shared} locks with other fakes, as two processes on one host would. */
  public synchronized FakeHostDriver withLocks(FakeLocks shared) {
    this.locks = shared;
    return this;
  }

  @Override
  public synchronized Optional<String> createLock(String d, LockHolder holder, Instant expires) {
    return locks.create(d, holder, expires);
  }

  @Override
  public synchronized Optional<LockRecord> readLock(String deployment) {
    return locks.read(deployment);
  }

  @Override
  public synchronized boolean renewLock(String d, String id, Instant expires, String step) {
    return locks.renew(d, id, expires, step);
  }

  @Override
  public synchronized void removeLock(String deployment, String lockId) {
    locks.remove(deployment, lockId);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  // ---- internals ----

  private void call(String method, String argument) {
    if (closed) {
      throw new IllegalStateException("the fake host driver is closed");
    }
    calls.add(method + " " + argument);
    if (CHANGES.contains(method) && ++changes == crashAt) {
      throw new Crash(method + " " + argument);
    }
    String key = method + " " + argument.split(" ")[0];
    if (failures.contains(key)) {
      throw fail("scripted failure: " + key);
    }
  }

  private static final Set<String> CHANGES =
      Set.of(
          "createContainer",
          "startContainer",
          "stopContainer",
          "removeContainer",
          "renameContainer",
          "setRestartPolicy");

  private FakeContainer container(String name) {
    FakeContainer c = containers.get(name);
    if (c == null) {
      throw fail("no such container: " + name);
    }
    return c;
  }

  private Script script(String name, FakeContainer c) {
    Script byName = scripts.get(name);
    if (byName != null) {
      return byName;
    }
    return scripts.getOrDefault(c.spec.image(), new Script(null, false, List.of()));
  }

  private static ProvisionException fail(String message) {
    return ProvisionException.of(message, "This is the fake host driver of a test.");
  }
}
