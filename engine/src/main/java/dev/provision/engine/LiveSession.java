package dev.provision.engine;

import dev.provision.desired.DesiredStateCompiler;
import dev.provision.desired.Names;
import dev.provision.diag.Diagnostic;
import dev.provision.driver.HostDriver;
import dev.provision.live.Interruptions;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.live.Ownership;
import dev.provision.lock.DeploymentLock;
import dev.provision.lock.LockNote;
import dev.provision.model.Address;
import dev.provision.model.ConfigHash;
import dev.provision.model.Database;
import dev.provision.model.DesiredState;
import dev.provision.model.FileResource;
import dev.provision.model.Spec;
import dev.provision.model.Value;
import dev.provision.model.VolumeResource;
import dev.provision.observe.ConvexAccess;
import dev.provision.observe.DatabaseObservation;
import dev.provision.observe.DeploymentEnvObservation;
import dev.provision.observe.EnvFileObservation;
import dev.provision.observe.LiveObserver;
import dev.provision.plan.Plan;
import dev.provision.plan.Planner;
import dev.provision.policy.ConvexPolicy;
import dev.provision.secrets.AdoptSecret;
import dev.provision.secrets.HashKey;
import dev.provision.secrets.LiveSecrets;
import dev.provision.secrets.SecretResolver;
import dev.provision.secrets.SecretSightings;
import dev.provision.secrets.SecretsFile;
import dev.provision.spec.SpecResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

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

  private LiveSession(
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
   * The plan, with apply's backup decision in it (see {@link BackupPlanning}): where the backup
   * goes, or that {@link #skipBackup()} skips it.
   */
  public Plan plan() {
    Spec spec = reading.spec();
    return BackupPlanning.decide(
        reading.plan(), BackupPlanning.shown(BackupPlanning.dir(spec), specDir(spec)), noBackup);
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

  static java.nio.file.Path specDir(Spec spec) {
    java.nio.file.Path parent = spec.source().toAbsolutePath().getParent();
    return parent == null ? java.nio.file.Path.of("").toAbsolutePath() : parent;
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
    Plan replanned = Planner.destroy(infrastructure(reading.observed()), confirmed);
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
    return open(read, specFile, host, mode, adopt, lockState, Map.of());
  }

  /**
   * As above; {@code environment} is the one provision runs in, where plan and apply look for
   * {@code node} and {@code npx} when the spec has {@code functions:}.
   */
  static LiveSession open(
      SpecResult read,
      Path specFile,
      HostDriver host,
      Engine.Mode mode,
      Optional<AdoptSecret> adopt,
      Interruptions.LockState lockState,
      Map<String, String> environment) {
    boolean forApply = mode == Engine.Mode.APPLY;
    boolean destroy = mode == Engine.Mode.DESTROY || mode == Engine.Mode.DESTROY_DATA;
    Spec spec = read.spec();
    List<Diagnostic> warnings = new ArrayList<>(read.warnings());
    ObservedState found = Adoption.observe(host, spec, host.observe(spec.deployment()), !destroy);
    ObservedState live = destroy ? Adoption.recorded(host, found) : found;
    if (!destroy) {
      Adoption.checkInstanceName(host, spec, live);
    }
    SecretsFile file = new SecretsFile(spec.secrets().file());
    Map<String, String> stored = file.read();

    Supplier<Optional<String>> credentials = once(() -> LiveSecrets.credentials(host, live, spec));
    SecretResolver.Sources first =
        sources(credentials, live, stored, new TreeMap<>(), forApply, adopt);
    SecretResolver.Resolved pre = SecretResolver.resolve(spec, first);
    DesiredState preDesired = DesiredStateCompiler.compile(spec, pre.values());
    Optional<SortedMap<String, String>> env =
        DeploymentEnvObservation.read(
            host, live, preDesired, pre.values().instanceSecret(), warnings);

    SecretResolver.Resolved secrets =
        SecretResolver.resolve(
            spec, sources(credentials, live, stored, env.orElse(new TreeMap<>()), forApply, adopt));
    InstanceSecretCheck.Result secretCheck =
        destroy
            ? InstanceSecretCheck.Result.NONE
            : InstanceSecretCheck.of(
                SecretSightings.of(spec, live, credentials.get(), stored, secrets),
                adopt,
                existingData(live));
    if (forApply && secretCheck.refusal().isEmpty()) {
      LiveSecrets.refuseNewSecretForOldData(secrets, live, spec);
    }
    DesiredState desired = DesiredStateCompiler.compile(spec, secrets.values());
    Value secret = desired.resources().get(Names.INSTANCE_SECRET).attributes().get("value");

    boolean dbExists =
        !(spec.database() instanceof Database.Sqlite)
            && DatabaseObservation.exists(spec, host, live, warnings);
    ObservedState observed =
        LiveObserver.observe(
                desired,
                live,
                LiveSecrets.storedSecrets(stored),
                env,
                (FileResource f) -> EnvFileObservation.read(f, spec.deployment(), secret),
                d -> dbExists)
            .with(Interruptions.find(live, SwapMarks.read(host, live), lockState));
    HashKey hashKey = HashKey.load(file, forApply);
    ConfigHash hashes = hashKey.hashes();
    Planner.Request request =
        new Planner.Request(
                specFile.toString(),
                host.describe(),
                warnings,
                mode == Engine.Mode.DESTROY_DATA,
                hashes,
                ConvexPolicy.instance())
            .generating(secrets.generated());
    Plan plan =
        destroy
            ? Planner.destroy(infrastructure(observed), request)
            : FunctionsPlanning.add(
                SecretPlanFindings.annotate(Planner.plan(desired, observed, request), secretCheck),
                spec,
                env,
                environment,
                mode != Engine.Mode.STATUS);
    return new LiveSession(
        mode,
        host,
        file,
        new SessionReading(spec, desired, observed, plan, secrets, hashes),
        hashKey,
        secretCheck,
        request);
  }

  /** The backend container or its data volume exists: admin keys may have been issued for it. */
  private static boolean existingData(ObservedState live) {
    return live.resources().containsKey(Names.BACKEND)
        || live.resources().containsKey(Names.DATA_VOLUME);
  }

  /**
   * What a destroy removes: containers and the network, and with --delete-data volumes and the
   * database.
   */
  private static ObservedState infrastructure(ObservedState observed) {
    SortedMap<Address, ObservedResource> out = new TreeMap<>();
    observed
        .resources()
        .forEach(
            (a, r) -> {
              if (java.util.EnumSet.of(
                      Address.Kind.CONTAINER,
                      Address.Kind.NETWORK,
                      Address.Kind.VOLUME,
                      Address.Kind.DATABASE)
                  .contains(a.kind())) {
                out.put(a, r);
              }
            });
    return new ObservedState(observed.deployment(), out);
  }

  private static SecretResolver.Sources sources(
      Supplier<Optional<String>> credentials,
      ObservedState live,
      Map<String, String> stored,
      Map<String, String> env,
      boolean generate,
      Optional<AdoptSecret> adopt) {
    return new SecretResolver.Sources(live, credentials, stored, env, generate, GENERATORS, adopt);
  }

  /** Asks {@code supplier} at most once (reading the volume creates a short-lived container). */
  private static <T> Supplier<T> once(Supplier<T> supplier) {
    return new Supplier<T>() {
      private T value;
      private boolean done;

      @Override
      public synchronized T get() {
        if (!done) {
          value = supplier.get();
          done = true;
        }
        return value;
      }
    };
  }

  static final SecretResolver.Generators GENERATORS = SecretResolver.Generators.random();

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
