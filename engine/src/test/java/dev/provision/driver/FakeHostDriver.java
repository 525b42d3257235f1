package dev.provision.driver;

import static dev.provision.driver.FakeCalls.fail;

import dev.provision.diag.ProvisionException;
import dev.provision.exec.ready.HttpProbe;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.PortBinding;
import dev.provision.model.VolumeResource;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * An in-memory {@link HostDriver} for tests: networks, volumes, containers and images held in maps,
 * behaving as a Docker engine does where it matters (a name is taken once, two running containers
 * cannot publish the same host port, a volume in use cannot be removed, exec needs a running
 * container). Failures are scripted: a container that exits at once, a service that never becomes
 * ready, a method that fails for a given name. Every call is recorded. Thread-safe.
 *
 * <p>Not a simulator of timing: nothing here waits or runs in the background. The networks and
 * volumes live in {@link FakeStorage}, the images in {@link FakeImages}, the call log and scripted
 * failures in {@link FakeCalls}, the containers in {@link FakeContainers}; this class answers as a
 * host driver and records every call.
 */
public final class FakeHostDriver implements HostDriver {

  private final FakeStorage storage = new FakeStorage();
  private final FakeContainers fakes = new FakeContainers();
  private final Map<String, FakeContainer> containers = fakes.all;
  private final FakeImages images = new FakeImages();
  private final FakeCalls log = new FakeCalls();
  private FakeLocks locks = new FakeLocks();
  private ProvisionException lost;

  // ---- test set-up and inspection ----

  public synchronized FakeHostDriver addImage(String image) {
    return addImage(image, Map.of(), Map.of());
  }

  /** An image present on the host, with its labels and files that its containers start with. */
  public synchronized FakeHostDriver addImage(
      String image, Map<String, String> labels, Map<String, String> files) {
    images.add(image, labels, files);
    return this;
  }

  /** A volume made outside provision (by docker compose or by hand): it carries no labels. */
  public synchronized FakeHostDriver addForeignVolume(String name) {
    storage.addForeignVolume(name);
    return this;
  }

  /**
   * A container made outside provision (no labels), such as a docker compose backend, from {@code
   * spec} under its name; its image need not be present.
   */
  public synchronized FakeHostDriver addForeignContainer(ContainerResource spec, boolean running) {
    FakeContainer c = new FakeContainer(null, spec, null, Map.of(), Map.of());
    c.running = running;
    containers.put(spec.name(), c);
    return this;
  }

  /** An image that a registry would serve; {@link #pullImage} fails for any other. */
  public synchronized FakeHostDriver allowPull(String image) {
    images.allowPull(image);
    return this;
  }

  /** Scripts containers created under {@code nameOrImage} (a name wins over an image). */
  public synchronized FakeHostDriver script(String nameOrImage, FakeScript script) {
    fakes.script(nameOrImage, script);
    return this;
  }

  /** Makes every later call of {@code method} for {@code name} fail, e.g. startContainer web. */
  public synchronized FakeHostDriver failOn(String method, String name) {
    log.failOn(method, name);
    return this;
  }

  /**
   * Simulates a {@code kill -9} of the engine: the {@code n}-th call that changes a container
   * (create, start, stop, remove, rename, restart policy) throws {@link Crash} before it acts. An
   * {@code Error}, so no step's failure handling runs, as in a killed process.
   */
  public synchronized FakeHostDriver crashAt(int n) {
    log.crashAt(n);
    return this;
  }

  /** How many container-changing calls were made so far. */
  public synchronized int containerChanges() {
    return log.changes();
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
    fakes.restartDaemon();
  }

  /**
   * Every moment a container started while another running container mounted one of its named
   * volumes ({@code "NAME shares VOLUME with OTHER"}): two writers on one data set. Empty when the
   * single-writer rule held.
   */
  public synchronized List<String> sharedDataStarts() {
    return fakes.sharedDataStarts();
  }

  /** The restart policy a container has now. */
  public synchronized String restartPolicy(String name) {
    return fakes.get(name).restartPolicy;
  }

  public synchronized void clearFailures() {
    log.clearFailures();
  }

  /** Calls so far, as {@code method argument} strings, e.g. {@code startContainer web}. */
  public synchronized List<String> calls() {
    return log.calls();
  }

  public synchronized FakeState state() {
    return new FakeState(
        storage.networkOwners(), storage.volumeOwners(), fakes.views(), images.names());
  }

  /**
   * An HTTP probe that answers for the fake's endpoints: 200 when a running container publishes the
   * URI's port and is not scripted to never become ready, 503 when it is, else refused.
   */
  public HttpProbe httpProbe() {
    return uri -> {
      synchronized (this) {
        return fakes.probe(uri);
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
    storage.observe(deployment, found);
    fakes.observe(deployment, found);
    return new ObservedState(deployment, found);
  }

  @Override
  public synchronized boolean hasImage(String image) {
    call("hasImage", image);
    return images.has(image);
  }

  @Override
  public synchronized void pullImage(String image, Consumer<String> progress) {
    call("pullImage", image);
    images.pull(image, progress);
  }

  @Override
  public synchronized Map<String, String> imageLabels(String image) {
    call("imageLabels", image);
    return images.labels(image);
  }

  @Override
  public synchronized void createNetwork(
      String deployment, NetworkResource network, Map<String, String> extraLabels) {
    call("createNetwork", network.name());
    storage.createNetwork(deployment, network);
  }

  @Override
  public synchronized void removeNetwork(String name) {
    call("removeNetwork", name);
    storage.removeNetwork(name, containers.values());
  }

  @Override
  public synchronized void createVolume(
      String deployment, VolumeResource volume, Map<String, String> extraLabels) {
    call("createVolume", volume.name());
    storage.createVolume(deployment, volume);
  }

  @Override
  public synchronized void removeVolume(String name) {
    call("removeVolume", name);
    storage.removeVolume(name, containers.values());
  }

  @Override
  public synchronized Optional<Map<String, String>> volumeLabels(String name) {
    return storage.volumeLabels(name);
  }

  @Override
  public synchronized List<VolumeUser> volumeUsers(String name) {
    return FakeStorage.volumeUsers(name, containers);
  }

  @Override
  public synchronized void createContainer(
      String deployment,
      ContainerResource spec,
      String name,
      String configHash,
      Map<String, String> extraLabels) {
    call("createContainer", name);
    if (!images.has(spec.image())) {
      throw fail("no such image: " + spec.image());
    }
    if (spec.network() != null && !storage.hasNetwork(spec.network())) {
      throw fail("network " + spec.network() + " not found");
    }
    fakes.create(
        name,
        new FakeContainer(deployment, spec, configHash, extraLabels, images.files(spec.image())));
  }

  @Override
  public synchronized void startContainer(String name) {
    call("startContainer", name);
    fakes.start(name);
  }

  @Override
  public synchronized void stopContainer(String name, int timeoutSeconds) {
    call("stopContainer", name);
    FakeContainer c = fakes.get(name);
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
    fakes.get(name).restartPolicy = policy;
  }

  @Override
  public synchronized void removeContainer(String name) {
    call("removeContainer", name);
    containers.remove(name);
  }

  @Override
  public synchronized void renameContainer(String from, String to) {
    call("renameContainer", from + " " + to);
    fakes.rename(from, to);
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
    return fakes.lastLines(name, lines);
  }

  @Override
  public synchronized void logs(
      String name, LogRequest request, Consumer<byte[]> chunks, BooleanSupplier stopped) {
    call("logs", name);
    fakes.logs(name, request).forEach(chunks);
  }

  @Override
  public synchronized ExecResult exec(String name, List<String> command) {
    call("exec", name + " " + String.join(" ", command));
    return fakes.exec(name, command, null);
  }

  /**
   * Records the command and only the names of {@code env} (a test asserts a secret went there and
   * not into the command), keeps the values for {@link #lastExecEnv}, and answers as {@link
   * #exec(String, List)} does, except that {@code sh} succeeds with no output.
   */
  @Override
  public synchronized ExecResult exec(String name, List<String> command, Map<String, String> env) {
    call("exec", name + " " + String.join(" ", command) + " env=" + new TreeMap<>(env).keySet());
    return fakes.exec(name, command, env);
  }

  /** The environment of the last exec that had one. */
  public synchronized Map<String, String> lastExecEnv() {
    return fakes.lastExecEnv;
  }

  @Override
  public synchronized Optional<byte[]> readFile(String name, String path) {
    call("readFile", name + " " + path);
    byte[] file = fakes.get(name).files.get(path);
    return Optional.ofNullable(file).map(byte[]::clone);
  }

  /** From now on {@link #lostConnection()} reports {@code failure}, as a dead link would. */
  public synchronized FakeHostDriver loseConnection(ProvisionException failure) {
    lost = failure;
    return this;
  }

  @Override
  public synchronized Optional<ProvisionException> lostConnection() {
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
  public synchronized boolean lockNameTakenByOther(String deployment) {
    return locks.isTakenByOther(deployment);
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
    log.close();
  }

  private void call(String method, String argument) {
    log.call(method, argument);
  }
}
