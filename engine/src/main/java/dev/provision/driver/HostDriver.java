package dev.provision.driver;

import dev.provision.live.ObservedState;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.PortBinding;
import dev.provision.model.VolumeResource;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The narrow interface to a host that runs containers (a Docker engine, local or remote, or a host
 * reached over SSH). Every method is one small, idempotent-where-possible primitive; ordering,
 * retries and undo belong to the executor. Implementations label everything they create with {@link
 * Labels} so that {@link #observe} can find it again without a state file.
 *
 * <p>Every implementation passes the same contract test. Errors are {@code ProvisionException}s
 * that say what failed and what to do; no secret value ever appears in one.
 */
public interface HostDriver extends AutoCloseable {

  /** A short description for messages, e.g. {@code docker unix:///var/run/docker.sock}. */
  String describe();

  /**
   * Everything labelled as owned by {@code deployment}: networks, volumes and containers, rebuilt
   * as resources (containers with their status and applied config hash), in a few batched calls.
   */
  ObservedState observe(String deployment);

  boolean hasImage(String image);

  /**
   * Pulls an image, reporting progress lines; fails with the image name and the registry's answer.
   */
  void pullImage(String image, Consumer<String> progress);

  /** The image's own labels (e.g. its version), empty when the image is not present. */
  java.util.Map<String, String> imageLabels(String image);

  default void createNetwork(String deployment, NetworkResource network) {
    createNetwork(deployment, network, java.util.Map.of());
  }

  /** As above, with {@code extraLabels} (such as {@link Labels#APPLY_ID}) added to its labels. */
  void createNetwork(
      String deployment, NetworkResource network, java.util.Map<String, String> extraLabels);

  void removeNetwork(String name);

  default void createVolume(String deployment, VolumeResource volume) {
    createVolume(deployment, volume, java.util.Map.of());
  }

  /** As above, with {@code extraLabels} (such as {@link Labels#APPLY_ID}) added to its labels. */
  void createVolume(
      String deployment, VolumeResource volume, java.util.Map<String, String> extraLabels);

  void removeVolume(String name);

  /**
   * The labels of the volume called {@code name}, whoever made it; empty when there is no such
   * volume. A volume without {@link Labels#DEPLOYMENT} was made outside provision (such as by
   * docker compose) and may be adopted.
   */
  Optional<java.util.Map<String, String>> volumeLabels(String name);

  /**
   * Every container on the host, made by anyone, running or not, that mounts volume {@code name}. A
   * container provision made ({@link Labels#DEPLOYMENT}) may come without its restart policy.
   */
  List<VolumeUser> volumeUsers(String name);

  /**
   * Creates (does not start) a container from {@code spec} under {@code name}, which differs from
   * {@code spec.name()} while a replacement runs beside the old container. Labels it with the
   * deployment, the address and {@code configHash}.
   */
  default void createContainer(
      String deployment, ContainerResource spec, String name, String configHash) {
    createContainer(deployment, spec, name, configHash, java.util.Map.of());
  }

  /**
   * As above, with {@code extraLabels} (such as {@link Labels#ADOPTED_VOLUMES}) added to the labels
   * the driver writes.
   */
  void createContainer(
      String deployment,
      ContainerResource spec,
      String name,
      String configHash,
      java.util.Map<String, String> extraLabels);

  void startContainer(String name);

  /** Stops with the container's stop signal, waiting up to {@code timeoutSeconds}. */
  void stopContainer(String name, int timeoutSeconds);

  /** Removes a container (stopped or not); no error when it does not exist. */
  void removeContainer(String name);

  void renameContainer(String from, String to);

  /**
   * Sets a container's restart policy ({@code no}, {@code unless-stopped}, {@code always}, {@code
   * on-failure[:N]}), running or not. A replace creates {@code NAME-next} with {@code no} and gives
   * it the real policy only once it holds the name, and sets {@code no} on the old one it puts
   * aside, so a daemon restart after a crash never brings either back beside the other.
   */
  void setRestartPolicy(String name, String policy);

  Optional<ContainerState> inspectContainer(String name);

  /** The last {@code lines} lines of a container's output, for explaining a failed start. */
  List<String> logTail(String name, int lines);

  /**
   * Streams a container's log (stdout and stderr, in arrival order) to {@code chunks} as raw bytes,
   * in whatever pieces the engine sends: a chunk may end in the middle of a line or a character.
   * Returns when the log ends (without {@code follow}: at once; with it: when the container stops)
   * or soon after {@code stopped} turns true, having closed the stream.
   *
   * @throws dev.provision.diag.ProvisionException when the container does not exist
   */
  void logs(
      String container,
      LogRequest request,
      java.util.function.Consumer<byte[]> chunks,
      java.util.function.BooleanSupplier stopped);

  /** Runs a command in a running container. */
  ExecResult exec(String container, List<String> command);

  /**
   * Runs a command in a running container with extra environment variables. The way to hand a
   * secret to a command: values in {@code env} never appear on a command line (where {@code ps} in
   * the container or a log could show them), nor in any error.
   */
  ExecResult exec(String container, List<String> command, java.util.Map<String, String> env);

  /**
   * Why {@link #removeVolume} cannot remove this volume from here (on a Swarm: it is on a node
   * whose engine the manager cannot reach), with what to run instead; empty when it can.
   */
  default Optional<dev.provision.diag.Diagnostic> volumeOutOfReach(String name) {
    return Optional.empty();
  }

  /**
   * Whether {@link #exec}, {@link #readFile} and the copies can reach into the container now: true
   * on an engine that runs it; on a Swarm when its task is on the manager the driver talks to or
   * the data node is ready (a helper service beside it does the work there), false when that node
   * is down or drained.
   */
  default boolean reachesInto(String container) {
    return true;
  }

  /** Reads one file from a container (running or stopped), empty when it does not exist. */
  Optional<byte[]> readFile(String container, String path);

  /**
   * Streams folder (or file) {@code path} of a container, running or stopped, to {@code out} as a
   * tar whose entries start with the path's last name. Over SSH the bytes come back through the
   * link; nothing is held in memory.
   */
  default void copyOut(String container, String path, java.io.OutputStream out) {
    throw new UnsupportedOperationException(describe() + " cannot copy archives");
  }

  /** Extracts the tar {@code tar} into folder {@code path} of a container, running or stopped. */
  default void copyIn(String container, String path, java.io.InputStream tar) {
    throw new UnsupportedOperationException(describe() + " cannot copy archives");
  }

  /**
   * Runs a one-off helper container {@code name} from {@code image} with {@code command} as its
   * entrypoint and {@code volumes} (volume name to path) mounted, to the end; answers its exit
   * code. The stopped container is kept for {@link #copyIn} until the caller removes it.
   */
  default int runHelper(
      String name, String image, List<String> command, java.util.Map<String, String> volumes) {
    return runHelper(
        new HelperRun(name, image, command, volumes, java.util.Map.of(), null, null, null));
  }

  /**
   * Runs {@code run} to the end (its input extracted before it starts) and answers its exit code.
   * The stopped container is kept for {@link #copyOut} and {@link #logTail} until the caller
   * removes it.
   */
  default int runHelper(HelperRun run) {
    throw new UnsupportedOperationException(describe() + " cannot run helpers");
  }

  /**
   * A base URI through which this machine reaches a published port (for a remote host this may be a
   * tunnel). Used for readiness checks and the Convex admin API.
   */
  URI endpoint(PortBinding binding);

  /**
   * Takes the deployment's lock: creates the lock object {@code <deployment>-lock} (a container
   * that is never started, from a tiny image built on the target when missing, labelled {@link
   * Labels#LOCK} and not {@link Labels#DEPLOYMENT}, so observation never sees it) holding {@code
   * holder} and {@code expires}. Only one caller can create it: the name is the mutual exclusion.
   *
   * @return the new lock's id, or empty when a lock already exists
   */
  Optional<String> createLock(String deployment, LockHolder holder, Instant expires);

  /** The deployment's lock as it is now, empty when nobody holds it. */
  Optional<LockRecord> readLock(String deployment);

  /**
   * True when the lock's name ({@code <deployment>-lock}) is taken by an object that is not a
   * provision lock (made by someone else, so it never becomes one); false when the name is free or
   * holds a lock, also one being removed right now.
   */
  default boolean lockNameTakenByOther(String deployment) {
    return false;
  }

  /**
   * The heartbeat: writes a new expiry and the current step into the lock {@code lockId}.
   *
   * @return false when that lock no longer exists (it was broken or taken over)
   */
  boolean renewLock(String deployment, String lockId, Instant expires, String step);

  /** Removes the lock {@code lockId} (only that one); no error when it is gone already. */
  void removeLock(String deployment, String lockId);

  /**
   * Checks now, within a bounded time, that the link to the target still answers. Empty when it
   * does (always, for an engine reached directly); otherwise the failure to report, naming the link
   * (e.g. "lost the SSH connection to HOST:PORT (user USER)"). A caller whose read through {@link
   * #endpoint} failed asks this before reporting the read as anything else.
   */
  default Optional<dev.provision.diag.ProvisionException> lostConnection() {
    return Optional.empty();
  }

  /**
   * The container's id, image id and config hash label right now; empty when it does not exist or
   * the driver cannot tell (then a saved plan records nothing for it).
   */
  default Optional<ContainerIdentity> containerIdentity(String name) {
    return Optional.empty();
  }

  /**
   * The id the image name resolves to now; empty when the image is not on the host (or unknown).
   */
  default Optional<String> imageId(String image) {
    return Optional.empty();
  }

  /**
   * Notes about how the target was reached that the user should see with the plan (for SSH: the
   * OpenSSH config keywords that applied but are ignored). Empty by default.
   */
  default java.util.List<dev.provision.diag.Diagnostic> notes() {
    return java.util.List.of();
  }

  /**
   * The measured round-trip time of the link to the target (zero when there is none to speak of).
   * Requests through {@link #endpoint} scale their per-request timeouts with it.
   */
  default java.time.Duration roundTrip() {
    return java.time.Duration.ZERO;
  }

  /**
   * Fails with a {@link dev.provision.diag.ProvisionException} when the target cannot carry out
   * changes that start the deployment's stateful containers now (a Swarm whose data node is down or
   * drained): called before an apply or {@code destroy --delete-data} takes the lock, so a refusal
   * leaves nothing on the target. A plain destroy, which starts nothing and keeps the data, does
   * not ask. Does nothing by default: an engine that answers can run its containers.
   */
  default void requireReadyForChanges() {}

  @Override
  void close();
}
