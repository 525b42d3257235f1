package dev.provision.engine;

import dev.provision.diag.Diagnostic;
import dev.provision.driver.DriverFactory;
import dev.provision.driver.LockRecord;
import dev.provision.exec.ExecListener;
import dev.provision.exec.StopRequest;
import dev.provision.live.Interruptions;
import dev.provision.lock.DeploymentLock;
import dev.provision.lock.LockNote;
import dev.provision.lock.LockNotes;
import dev.provision.lock.LockRequest;
import dev.provision.model.Spec;
import dev.provision.plan.Plan;
import dev.provision.secrets.AdoptSecret;
import dev.provision.secrets.SecretSightings;
import dev.provision.spec.ReferenceMode;
import dev.provision.spec.SpecFiles;
import dev.provision.spec.SpecResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's front door: reads specs, plans and (with a target) applies. Wired by the CLI's
 * {@code Main}; never prints and never exits. Problems a user can fix are ProvisionExceptions.
 */
public final class Engine {
  private final Map<String, String> environment;
  private final DriverFactory drivers;
  private final SpecReads reads;

  public Engine(Map<String, String> environment, DriverFactory drivers) {
    this.environment = Map.copyOf(environment);
    this.drivers = drivers;
    this.reads = new SpecReads(this.environment);
  }

  private Engine(Engine engine, DriverFactory drivers) {
    this.environment = engine.environment;
    this.drivers = drivers;
    this.reads = engine.reads.keeping();
  }

  /**
   * An engine for one run of several specs, opening targets through {@code drivers} (which may
   * share connections between deployments): it reads each spec once for the same arguments (see
   * {@link SpecReads}) and adds what it reads to this engine's {@link #sensitive()}.
   */
  public Engine forSeveral(DriverFactory drivers) {
    return new Engine(this, drivers);
  }

  /** How this engine opens targets. */
  public DriverFactory drivers() {
    return drivers;
  }

  /** Reads and validates a spec; throws with every error found. */
  public SpecResult read(Path spec, List<String> sets) {
    return read(spec, sets, ReferenceMode.RESOLVE);
  }

  /**
   * Every sensitive text of every spec this engine read so far: what an edge must never show (it
   * runs its output through {@link dev.provision.model.Sensitive#redact} as a second net).
   */
  public dev.provision.model.Sensitive sensitive() {
    return reads.seen();
  }

  /**
   * Reads and validates a spec as {@code validate} does: see {@link ReferenceMode}. In {@code
   * OFFLINE} an unset reference in a sensitive, non-structural field is no error.
   */
  public SpecResult read(Path spec, List<String> sets, ReferenceMode mode) {
    return reads.read(spec, sets, mode);
  }

  /**
   * Plans a spec against nothing or an older spec, no target touched, resolving every reference.
   */
  public Plan planOffline(Path specFile, List<String> sets, Against against) {
    return planOffline(specFile, sets, against, ReferenceMode.RESOLVE);
  }

  /**
   * Plans a spec against nothing or an older spec: no target is touched. In {@link
   * ReferenceMode#OFFLINE} both specs are read without secret values: an unset reference in a
   * sensitive field plans as {@code (sensitive, from env NAME)}, the same reference on both sides
   * as unchanged.
   */
  public Plan planOffline(Path specFile, List<String> sets, Against against, ReferenceMode mode) {
    return planOffline(specFile, sets, against, mode, false);
  }

  /** As above; {@code noBackup}: the plan says apply takes no backup ({@code --no-backup}). */
  public Plan planOffline(
      Path specFile, List<String> sets, Against against, ReferenceMode mode, boolean noBackup) {
    return OfflinePlanner.plan(file -> read(file, sets, mode), specFile, against, noBackup);
  }

  /** Plans a spec against its live target. */
  public Plan planLive(Path specFile, List<String> sets) {
    return planLive(specFile, sets, false);
  }

  /** As above; {@code noBackup}: the plan says apply takes no backup ({@code --no-backup}). */
  public Plan planLive(Path specFile, List<String> sets, boolean noBackup) {
    try (LiveSession session = open(specFile, sets, Mode.PLAN)) {
      return noBackup ? session.skipBackup().plan() : session.plan();
    }
  }

  /** What a live session is for. */
  public enum Mode {
    /** Look only: generated secrets stay "known after apply". */
    PLAN,
    /**
     * Look only, as {@link #PLAN}, to report (status, doctor, logs): the functions push's tools
     * ({@code node}, {@code npx}) are not required, since nothing will be pushed.
     */
    STATUS,
    /** Prepare an apply: missing secrets are generated now (and stored by the apply). */
    APPLY,
    /** Remove containers and the network; keep data. */
    DESTROY,
    /** Remove everything, data included. */
    DESTROY_DATA
  }

  /** Opens the spec's target and plans; the caller shows the plan, then applies and closes. */
  public LiveSession open(Path specFile, List<String> sets, Mode mode) {
    return open(specFile, sets, mode, LockRequest.immediate(), Optional.empty());
  }

  /** As {@link #open(Path, List, Mode)}, waiting for the deployment's lock as asked. */
  public LiveSession open(Path specFile, List<String> sets, Mode mode, LockRequest lockRequest) {
    return open(specFile, sets, mode, lockRequest, Optional.empty());
  }

  /**
   * Opens the spec's target and plans. For an apply or destroy, the deployment's lock is taken
   * first (before observing, so the plan shown is not stale by the time it runs) and held until the
   * session closes; a plan only reads the lock, to say when an apply runs now or was interrupted.
   *
   * @param adoptSecret the user's choice between disagreeing copies of the instance secret ({@code
   *     apply --adopt-secret})
   * @throws dev.provision.diag.ProvisionException naming the holder when the lock stays held
   */
  public LiveSession open(
      Path specFile,
      List<String> sets,
      Mode mode,
      LockRequest lockRequest,
      Optional<AdoptSecret> adoptSecret) {
    SpecResult result = read(specFile, sets);
    var host = drivers.open(result.spec().target());
    DeploymentLock lock = null;
    try {
      List<Diagnostic> warnings = new ArrayList<>(result.warnings());
      warnings.addAll(host.notes());
      String deployment = result.spec().deployment();
      java.time.Instant now = Clock.systemUTC().instant();
      Interruptions.LockState lockState;
      Optional<LockNote> note = Optional.empty();
      if (mode == Mode.PLAN || mode == Mode.STATUS) {
        Optional<LockRecord> found = LockNotes.read(host, deployment);
        note = found.map(l -> LockNotes.typed(deployment, l, now));
        lockState = LockNotes.state(found, now);
        // an interrupted apply gets its own section in the plan; one running now is a warning
        found
            .filter(l -> lockState.stale().isEmpty())
            .ifPresent(l -> warnings.add(LockNotes.note(deployment, l, now)));
      } else {
        if (mode != Mode.DESTROY) {
          host.requireReadyForChanges(); // before the lock: a refusal leaves nothing behind
        }
        lock =
            lockRequest
                .turn()
                .taking(
                    () ->
                        DeploymentLock.acquire(
                            host, deployment, lockRequest, Clock.systemUTC(), warnings));
        var hooks = dev.provision.exec.TestHooks.from(environment);
        hooks.checkpoint("lock@taken", lockRequest.stop());
        hooks.checkpoint("lock@taken-stuck");
        DataWindow.clearInterruptedRestore(host, deployment, lock);
        lockState =
            new Interruptions.LockState(
                lock.takenOver().flatMap(LockNotes::stale), Optional.empty());
      }
      LiveSession session =
          SessionPlanner.open(
              new SpecResult(result.spec(), warnings, result.files(), result.referenced()),
              specFile,
              host,
              mode,
              adoptSecret,
              lockState,
              environment);
      session.holdLock(lock);
      session.noteLock(note);
      return session;
    } catch (RuntimeException e) {
      if (lock != null) {
        lock.close();
      }
      host.close();
      throw e;
    }
  }

  /** The spec's deployment lock as it is on the target, empty when nobody holds it. */
  public Optional<LockRecord> lockOf(Path specFile, List<String> sets) {
    Spec spec = read(specFile, sets).spec();
    try (var host = drivers.open(spec.target())) {
      return host.readLock(spec.deployment());
    }
  }

  /** Breaks the lock {@code lockId} by hand ({@code provision unlock}); only that lock. */
  public void breakLock(Path specFile, List<String> sets, String lockId) {
    Spec spec = read(specFile, sets).spec();
    try (var host = drivers.open(spec.target())) {
      host.removeLock(spec.deployment(), lockId);
    }
  }

  /**
   * Makes the folders an apply of {@code session} writes its journal and secrets to private (0700)
   * when an earlier version left them readable by others; call it before {@link #apply} to show the
   * warnings at once ({@link #apply} does it too, and reports them in its result).
   *
   * @return one warning per folder tightened (or that could not be)
   */
  public List<Diagnostic> securePrivateFolders(LiveSession session, ApplyOptions options) {
    return ApplyRun.securePrivateFolders(session, options);
  }

  /** Executes a session's plan: journaled, rolled back on failure, verified when it commits. */
  public ApplyResult apply(LiveSession session, ExecListener listener, ApplyOptions options) {
    return ApplyRun.run(session, listener, options, environment);
  }

  /**
   * The app's functions as the session's backend runs them (pushed hash, when, module count read
   * back); empty when the spec has no {@code functions:}.
   */
  public Optional<FunctionsStatus> functionsStatus(LiveSession session) {
    return FunctionsService.status(session, environment);
  }

  /** True when the session's plan pushes the app's functions ({@code functions.deploy}). */
  public boolean pushesFunctions(LiveSession session) {
    return FunctionsService.pushes(session);
  }

  /**
   * Pushes the app's functions of the session's spec with the app's Convex CLI ({@code npx convex
   * deploy}), then records the pushed hash in the deployment. Apply calls it after it committed;
   * {@code provision deploy-functions} calls it alone. Output lines (secrets masked) go to {@code
   * lines}.
   *
   * @return the hash pushed
   * @throws dev.provision.diag.ProvisionException when the spec has no {@code functions:}, the
   *     backend is not running, or the push failed (the backend then keeps its previous functions)
   */
  public String deployFunctions(LiveSession session, java.util.function.Consumer<String> lines) {
    return deployFunctions(session, lines, StopRequest.never());
  }

  /**
   * As {@link #deployFunctions(LiveSession, java.util.function.Consumer)}; a {@code stop} request
   * (Ctrl-C, SIGTERM at the edge) ends the Convex CLI and every process under it and fails the push
   * as interrupted (nothing is recorded; the backend keeps its previous functions unless the CLI
   * had reached its last call).
   */
  public String deployFunctions(
      LiveSession session, java.util.function.Consumer<String> lines, StopRequest stop) {
    return FunctionsService.deploy(session, environment, lines, stop);
  }

  /**
   * Streams the log of one of the deployment's containers, read through the spec's target, to
   * {@code out} with every secret of the deployment masked line by line (see {@link MaskedLines}).
   * Returns when the log ends, or (with {@code request.follow()}) soon after {@code stopped} turns
   * true.
   *
   * @throws dev.provision.diag.ProvisionException when the spec has no such container or it does
   *     not exist on the target (nothing applied yet)
   */
  public void logs(
      Path specFile,
      List<String> sets,
      LogService service,
      dev.provision.driver.LogRequest request,
      java.util.function.Consumer<String> out,
      java.util.function.BooleanSupplier stopped) {
    try (LiveSession session = open(specFile, sets, Mode.STATUS)) {
      LogReader.read(session, specFile, service, request, out, stopped);
    }
  }

  /**
   * Takes a backup of the spec's deployment under its lock (see {@link BackupTaker}) into {@code
   * out} (default: the spec's {@code backups.dir}), then keeps the newest {@code keep} (default:
   * the spec's {@code backups.keep}). Interrupting the calling thread stops it: the backend is
   * started again, no archive is written, the lock is released, and the interrupt is spent.
   */
  public BackupResult backup(
      Path specFile,
      List<String> sets,
      LockRequest lockRequest,
      Optional<Path> out,
      java.util.OptionalInt keep) {
    try (LiveSession session = open(specFile, sets, Mode.APPLY, lockRequest)) {
      try {
        return BackupService.backup(
            session, specFile, out, keep, DataWindow.of(session, environment));
      } finally {
        // an interrupt (a signal, see the CLI) has stopped the backup: the lock goes with it clear
        Thread.interrupted();
      }
    }
  }

  /** The spec's deployment's backups in {@code out} (or the default folder), oldest first. */
  public List<Path> backups(Path specFile, List<String> sets, Optional<Path> out) {
    return BackupService.folder(read(specFile, sets).spec(), out).archives();
  }

  /**
   * Restores {@code archive} to the spec's deployment under its lock (see {@link BackupRestorer}),
   * then runs the checks an apply runs after it commits. It takes over the stale lock of a restore
   * that was interrupted while it replaced the data (restoring completes what it left), whatever
   * {@code lockRequest} says.
   */
  public RestoreResult restore(
      Path specFile,
      List<String> sets,
      LockRequest lockRequest,
      Path archive,
      boolean force,
      boolean allowSecretRotation) {
    LockRequest request = lockRequest.takingOverInterruptedRestore();
    try (LiveSession session = open(specFile, sets, Mode.APPLY, request)) {
      return BackupService.restore(
          session, archive, force, allowSecretRotation, DataWindow.of(session, environment));
    }
  }

  /**
   * An admin key for the spec's deployment, issued locally from the instance secret resolved as
   * plan and apply resolve it (the spec's reference, else the live backend, else the secrets file).
   *
   * @throws dev.provision.diag.ProvisionException when no secret is known (nothing applied yet)
   */
  public IssuedKey adminKey(Path specFile, List<String> sets, boolean readOnly) {
    Spec spec = read(specFile, sets).spec();
    return AdminKeyService.forDeployment(spec, SecretSightings.look(spec, drivers), readOnly);
  }

  /** Diagnoses the spec's deployment (the answer to "BadAdminKey"); see {@link Doctor}. */
  public List<DoctorCheck> doctor(Path specFile, List<String> sets) {
    Spec spec = read(specFile, sets).spec();
    List<DoctorCheck> checks =
        new ArrayList<>(new Doctor(drivers, ConvexApiFactory.http(), environment).examine(spec));
    if (spec.functions().isPresent()) {
      checks.addAll(FunctionsDoctor.checks(() -> open(specFile, sets, Mode.STATUS), environment));
    }
    return checks;
  }

  /** The app's convex/auth.config.ts and the OAuth callback URLs for the spec's auth section. */
  public AuthConfig authConfig(Path specFile, List<String> sets) {
    return AuthConfig.of(read(specFile, sets).spec());
  }

  /**
   * Writes the app's env file with the backend URL and a fresh admin key.
   *
   * @param out the file when the spec has no outputs.envFile (null for none)
   */
  public EnvFileResult writeEnvFile(Path specFile, List<String> sets, Path out) {
    SpecResult result = read(specFile, sets);
    if (out != null) {
      SpecFiles.refuseEnvFileOutput(result, out, "--out");
    }
    Spec spec = result.spec();
    Path file = EnvFileOutput.target(spec, out);
    return EnvFileOutput.write(spec, file, SecretSightings.look(spec, drivers));
  }
}
