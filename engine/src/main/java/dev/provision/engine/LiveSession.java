package dev.provision.engine;

import dev.provision.desired.Names;
import dev.provision.driver.HostDriver;
import dev.provision.live.Interruptions;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.live.Ownership;
import dev.provision.lock.DeploymentLock;
import dev.provision.lock.LockNote;
import dev.provision.model.DesiredState;
import dev.provision.model.Spec;
import dev.provision.model.Value;
import dev.provision.model.VolumeResource;
import dev.provision.observe.ConvexAccess;
import dev.provision.observe.DatabaseObservation;
import dev.provision.plan.Plan;
import dev.provision.plan.Planner;
import dev.provision.secrets.AdoptSecret;
import dev.provision.secrets.HashKey;
import dev.provision.secrets.SecretsFile;
import dev.provision.spec.SpecResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One look at a live target for one spec: what is there, which secrets apply, what is desired and
 * the plan between them. Holds the open host driver until closed; {@link Engine#apply} executes its
 * plan.
 */
public final class LiveSession implements AutoCloseable {
  static final String CREDENTIALS = Names.CREDENTIALS_FILE;

  private final Engine.Mode mode;
  private final HostDriver host;
  private final SecretsFile secretsFile;
  private final SessionReading reading;
  private final HashKey hashKey;
  private final InstanceSecretCheck.Result secretCheck;
  private final Planner.Request request;
  private DeploymentLock lock;
  private boolean noBackup;
  private Optional<LockNote> lockNote = Optional.empty();

  LiveSession(
      Engine.Mode mode,
      HostDriver host,
      SecretsFile secretsFile,
      SessionReading reading,
      HashKey hashKey,
      InstanceSecretCheck.Result secretCheck,
      Planner.Request request) {
    this.mode = mode;
    this.host = host;
    this.secretsFile = secretsFile;
    this.reading = reading;
    this.hashKey = hashKey;
    this.secretCheck = secretCheck;
    this.request = request;
  }

  /** What this session read and planned. */
  SessionReading reading() {
    return reading;
  }

  HostDriver host() {
    return host;
  }

  SecretsFile secretsFile() {
    return secretsFile;
  }

  HashKey hashKey() {
    return hashKey;
  }

  InstanceSecretCheck.Result secretCheck() {
    return secretCheck;
  }

  DesiredState desired() {
    return reading.desired();
  }

  /** The instance secret the desired state holds. */
  Value instanceSecret() {
    return reading.desired().resources().get(Names.INSTANCE_SECRET).attributes().get("value");
  }

  /** What the plan's steps need to run against this session's target. */
  StepBinder.Needs stepNeeds() {
    Value secret = instanceSecret();
    DesiredState desired = reading.desired();
    Spec spec = reading.spec();
    return new StepBinder.Needs(
        secretsFile,
        () -> ConvexAccess.open(host, desired, secret),
        () -> DatabaseObservation.admin(spec, host),
        spec.deployment());
  }

  /**
   * Refuses, before anything runs, an apply that would lose or change an instance secret without
   * the user's say: copies that disagree with no {@code --adopt-secret} choice, a choice that
   * cannot be honoured, or a rotation of the existing deployment's secret without {@code
   * allowRotation}.
   *
   * @throws dev.provision.diag.ProvisionException with the copies named by letters, never values
   */
  public void checkSecrets(boolean allowRotation) {
    RotationGuard.check(this, allowRotation);
  }

  /**
   * Refuses, before anything runs, an apply whose plan carries an error-level finding ({@link
   * Plan#blocker()}, such as the Swarm data node down): nothing would converge. A destroy with
   * --delete-data too (its data out of reach); a plain destroy goes ahead.
   *
   * @throws dev.provision.diag.ProvisionException with that finding
   */
  public void refuseBlocked() {
    if (mode == Engine.Mode.APPLY || mode == Engine.Mode.DESTROY_DATA) {
      reading
          .plan()
          .blocker()
          .ifPresent(
              d -> {
                throw new dev.provision.diag.ProvisionException(d);
              });
    }
  }

  /**
   * The plan, with apply's backup decision in it (see {@link BackupPlanning}): where the backup
   * goes, or that {@link #skipBackup()} skips it.
   */
  public Plan plan() {
    return BackupPlanning.decide(reading.plan(), reading.spec(), noBackup);
  }

  /** Apply takes no backup ({@code --no-backup}); the plan says so. */
  public LiveSession skipBackup() {
    this.noBackup = true;
    return this;
  }

  /** True after {@link #skipBackup()}. */
  public boolean skipsBackup() {
    return noBackup;
  }

  public Spec spec() {
    return reading.spec();
  }

  public ObservedState observed() {
    return reading.observed();
  }

  public String target() {
    return host.describe();
  }

  public Engine.Mode mode() {
    return mode;
  }

  /**
   * The volumes made outside provision and adopted (named by the spec without provision's labels,
   * or recorded on the deployment's containers) that a {@code destroy --delete-data} keeps until
   * their deletion is confirmed by name; empty in every other mode.
   */
  public List<String> adoptedVolumes() {
    if (mode != Engine.Mode.DESTROY_DATA) {
      return List.of();
    }
    return reading.observed().resources().values().stream()
        .filter(o -> o.ownership() != Ownership.OWNED)
        .map(ObservedResource::resource)
        .filter(VolumeResource.class::isInstance)
        .map(r -> ((VolumeResource) r).name())
        .sorted()
        .toList();
  }

  /**
   * This session with a plan that also deletes the adopted volumes {@code names}, whose deletion a
   * person confirmed; it shares this session's host and lock: close this session, not the new one.
   */
  public LiveSession deletingAdoptedVolumes(java.util.Set<String> names) {
    if (!adoptedVolumes().containsAll(names)) {
      throw new IllegalArgumentException("not adopted volumes of this destroy: " + names);
    }
    Planner.Request confirmed = request.deletingAdopted(names);
    Plan replanned = Planner.destroy(SessionPlanner.infrastructure(reading.observed()), confirmed);
    SessionReading again =
        new SessionReading(
            reading.spec(),
            reading.desired(),
            reading.observed(),
            replanned,
            reading.secrets(),
            reading.hashes());
    LiveSession out =
        new LiveSession(mode, host, secretsFile, again, hashKey, secretCheck, confirmed);
    out.lock = lock;
    out.noBackup = noBackup;
    return out;
  }

  /** Where the secrets came from, for display (adoption is never silent). */
  public Map<String, String> secretSources() {
    Map<String, String> out = new TreeMap<>();
    reading
        .secrets()
        .sources()
        .forEach(
            (k, v) ->
                out.put(
                    k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    v.name().toLowerCase(java.util.Locale.ROOT)));
    return out;
  }

  static LiveSession open(SpecResult read, Path specFile, HostDriver host, Engine.Mode mode) {
    return open(read, specFile, host, mode, Optional.empty());
  }

  static LiveSession open(
      SpecResult read,
      Path specFile,
      HostDriver host,
      Engine.Mode mode,
      Optional<AdoptSecret> adopt) {
    return open(read, specFile, host, mode, adopt, Interruptions.LockState.none());
  }

  /**
   * @param adopt the user's choice when the instance secret's copies disagree (apply only)
   * @param lockState what the deployment's lock says (a stale apply, or one running now), to tell
   *     an interrupted apply's half-done containers from a running one's
   */
  static LiveSession open(
      SpecResult read,
      Path specFile,
      HostDriver host,
      Engine.Mode mode,
      Optional<AdoptSecret> adopt,
      Interruptions.LockState lockState) {
    return SessionPlanner.open(read, specFile, host, mode, adopt, lockState, Map.of());
  }

  void holdLock(DeploymentLock held) {
    this.lock = held;
  }

  void noteLock(Optional<LockNote> note) {
    this.lockNote = note;
  }

  /** What the deployment's lock said when this plan-only session looked (status shows it). */
  public Optional<LockNote> lockNote() {
    return lockNote;
  }

  /** The deployment lock this session holds (apply and destroy), released on close. */
  public Optional<DeploymentLock> lock() {
    return Optional.ofNullable(lock);
  }

  /** Releases the lock (if held) and closes the host; safe to call more than once. */
  @Override
  public synchronized void close() {
    try {
      if (lock != null) {
        lock.close();
      }
    } finally {
      host.close();
    }
  }
}
