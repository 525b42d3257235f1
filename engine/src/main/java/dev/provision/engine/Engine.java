package dev.provision.engine;

import dev.provision.desired.DesiredStateCompiler;
import dev.provision.exec.ExecListener;
import dev.provision.exec.ExecutionResult;
import dev.provision.exec.Executor;
import dev.provision.exec.Journal;
import dev.provision.exec.Redactor;
import dev.provision.exec.Step;
import dev.provision.exec.StepContext;
import dev.provision.exec.ready.ReadinessWaiter;
import dev.provision.model.Address;
import dev.provision.model.DesiredState;
import dev.provision.model.Spec;
import dev.provision.observe.ObservedResource;
import dev.provision.observe.ObservedState;
import dev.provision.plan.Plan;
import dev.provision.plan.Planner;
import dev.provision.spec.SpecReader;
import dev.provision.spec.SpecResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The engine's front door: reads specs, plans and (with a target) applies. Wired by the CLI's
 * {@code Main}; never prints and never exits. Problems a user can fix are ProvisionExceptions.
 */
public final class Engine {
  private final Map<String, String> environment;
  private final DriverFactory drivers;

  public Engine(Map<String, String> environment, DriverFactory drivers) {
    this.environment = Map.copyOf(environment);
    this.drivers = drivers;
  }

  /** Reads and validates a spec; throws with every error found. */
  public SpecResult read(Path spec, List<String> sets) {
    return new SpecReader(environment).read(spec, sets);
  }

  /** Plans a spec against nothing or an older spec: no target is touched. */
  public Plan planOffline(Path specFile, List<String> sets, Against against) {
    SpecResult result = read(specFile, sets);
    Spec spec = result.spec();
    DesiredState desired = DesiredStateCompiler.compile(spec, SpecSecrets.of(spec));
    ObservedState observed;
    if (against instanceof Against.OtherSpec other) {
      observed = asApplied(read(other.file(), sets).spec());
    } else if (against instanceof Against.Empty) {
      observed = ObservedState.empty(spec.deployment());
    } else {
      throw new IllegalArgumentException("live plans need a target");
    }
    return Planner.plan(
        desired,
        observed,
        new Planner.Request(specFile.toString(), against.label(), result.warnings(), false));
  }

  /** Plans a spec against its live target. */
  public Plan planLive(Path specFile, List<String> sets) {
    try (LiveSession session = open(specFile, sets, Mode.PLAN)) {
      return session.plan();
    }
  }

  /** What a live session is for. */
  public enum Mode {
    /** Look only: generated secrets stay "known after apply". */
    PLAN,
    /** Prepare an apply: missing secrets are generated now (and stored by the apply). */
    APPLY,
    /** Remove containers and the network; keep data. */
    DESTROY,
    /** Remove everything, data included. */
    DESTROY_DATA
  }

  /** Opens the spec's target and plans; the caller shows the plan, then applies and closes. */
  public LiveSession open(Path specFile, List<String> sets, Mode mode) {
    return open(specFile, sets, mode, Optional.empty());
  }

  /**
   * As {@link #open(Path, List, Mode)}, with the user's choice between disagreeing copies of the
   * instance secret ({@code apply --adopt-secret}).
   */
  public LiveSession open(
      Path specFile, List<String> sets, Mode mode, Optional<AdoptSecret> adoptSecret) {
    SpecResult result = read(specFile, sets);
    var host = drivers.open(result.spec().target());
    try {
      return LiveSession.open(result, specFile, host, mode, adoptSecret);
    } catch (RuntimeException e) {
      host.close();
      throw e;
    }
  }

  /** Executes a session's plan: journaled, rolled back on failure, verified when it commits. */
  public ApplyResult apply(LiveSession session, ExecListener listener, ApplyOptions options) {
    RotationGuard.check(session, options.allowSecretRotation());
    List<Step> steps = new StepFactory(session).steps();
    StepContext context =
        new StepContext(
            session.spec().deployment(), session.host, ReadinessWaiter.system(), line -> {});
    try (Journal journal =
        Journal.create(
            options.journalDir(),
            session.spec().deployment(),
            Clock.systemUTC(),
            Redactor.of(session.desired))) {
      ExecutionResult result =
          new Executor(listener, options.parallelism()).run(steps, context, journal);
      Optional<Verification> verification =
          result.committed()
                  && session.mode() != Mode.DESTROY
                  && session.mode() != Mode.DESTROY_DATA
              ? Optional.of(Verifier.verify(session))
              : Optional.empty();
      return new ApplyResult(result, verification);
    }
  }

  /** What an older spec would have left on a target after a perfect apply. */
  private static ObservedState asApplied(Spec old) {
    DesiredState state = DesiredStateCompiler.compile(old, SpecSecrets.of(old));
    Map<Address, ObservedResource> map = new TreeMap<>();
    state.resources().forEach((a, r) -> map.put(a, ObservedResource.of(r)));
    return new ObservedState(state.deployment(), new TreeMap<>(map));
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
    return new Doctor(drivers, ConvexApiFactory.http()).examine(read(specFile, sets).spec());
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
    Spec spec = read(specFile, sets).spec();
    Path file = EnvFileOutput.target(spec, out);
    return EnvFileOutput.write(spec, file, SecretSightings.look(spec, drivers));
  }
}
