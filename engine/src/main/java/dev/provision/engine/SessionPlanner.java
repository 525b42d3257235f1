package dev.provision.engine;

import dev.provision.desired.DesiredStateCompiler;
import dev.provision.desired.Names;
import dev.provision.diag.Diagnostic;
import dev.provision.driver.HostDriver;
import dev.provision.live.Interruptions;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.ConfigHash;
import dev.provision.model.Database;
import dev.provision.model.DesiredState;
import dev.provision.model.FileResource;
import dev.provision.model.Spec;
import dev.provision.model.Value;
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
 * The body of {@link LiveSession#open}: observes the target (adopting what the spec names),
 * resolves which secrets apply, compiles the desired state and plans between them.
 */
final class SessionPlanner {
  static final SecretResolver.Generators GENERATORS = SecretResolver.Generators.random();

  private SessionPlanner() {}

  /**
   * As {@link LiveSession#open}: a session for {@code mode}, holding {@code host}; {@code
   * environment} is the one provision runs in, where plan and apply look for {@code node} and
   * {@code npx} when the spec has {@code functions:}.
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
    DesiredState desired =
        secrets.values().sameAs(pre.values())
            ? preDesired // the env vars read changed no secret: the same desired state
            : DesiredStateCompiler.compile(spec, secrets.values());
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
    if (destroy) {
      OutOfReachVolumes.note(host, observed, mode == Engine.Mode.DESTROY_DATA, warnings);
    }
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
  static ObservedState infrastructure(ObservedState observed) {
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
}
