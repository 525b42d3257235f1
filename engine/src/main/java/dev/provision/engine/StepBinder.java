package dev.provision.engine;

import dev.provision.convex.EnvFileKeys;
import dev.provision.convex.Keys;
import dev.provision.driver.Labels;
import dev.provision.driver.convex.ConvexAdminApi;
import dev.provision.driver.postgres.PostgresAdmin;
import dev.provision.exec.Step;
import dev.provision.exec.steps.AdoptVolumeStep;
import dev.provision.exec.steps.CreateDatabaseStep;
import dev.provision.exec.steps.CreateNetworkStep;
import dev.provision.exec.steps.CreateVolumeStep;
import dev.provision.exec.steps.DataGuard;
import dev.provision.exec.steps.DropDatabaseStep;
import dev.provision.exec.steps.EnsureImageStep;
import dev.provision.exec.steps.RecoverContainerStep;
import dev.provision.exec.steps.RemoveContainerStep;
import dev.provision.exec.steps.RemoveNetworkStep;
import dev.provision.exec.steps.RemoveVolumeStep;
import dev.provision.exec.steps.ReplaceContainerStep;
import dev.provision.exec.steps.SetEnvVarStep;
import dev.provision.exec.steps.SetPostgresPasswordStep;
import dev.provision.exec.steps.StartContainerStep;
import dev.provision.exec.steps.StopWriterStep;
import dev.provision.exec.steps.StoreSecretStep;
import dev.provision.exec.steps.WithoutUndo;
import dev.provision.exec.steps.WriteEnvFileStep;
import dev.provision.model.Address;
import dev.provision.plan.Change;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedStep;
import dev.provision.plan.RecoveryAction;
import dev.provision.plan.Reversibility;
import dev.provision.plan.StepAction;
import dev.provision.secrets.SecretsFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Binds a plan's steps (data) to executable steps: one {@link StepAction.Visitor} method per kind
 * of action, so every kind the planner can produce is bound (a new kind does not compile until it
 * is). Reads nothing but the plan and its {@link Needs}; the step classes do the work.
 */
final class StepBinder {

  /**
   * What the steps need besides the plan.
   *
   * @param convex opened when a step first talks to the backend
   * @param postgres the admin for {@code CREATE/DROP DATABASE}, opened when a step needs it
   * @param deployment the deployment's name (admin keys are issued for it)
   */
  record Needs(
      SecretsFile secretsFile,
      Supplier<ConvexAdminApi> convex,
      Supplier<PostgresAdmin> postgres,
      String deployment) {}

  private final Needs needs;
  private java.util.function.Function<StepAction.ReplaceContainer, DataGuard> guard = null;

  /**
   * The same binder, guarding each replace {@link GuardedReplace} names with the guard {@code
   * guards} makes for it.
   */
  StepBinder guarded(java.util.function.Function<StepAction.ReplaceContainer, DataGuard> guards) {
    this.guard = guards;
    return this;
  }

  StepBinder(Needs needs) {
    this.needs = needs;
  }

  /** True when {@code a} cannot otherwise be undone and a backup makes it undoable. */
  static boolean guards(StepAction.ReplaceContainer a) {
    return GuardedReplace.of(a).isPresent();
  }

  /** True when applying {@code plan} takes a backup first (unless {@code --no-backup}). */
  static boolean needsBackup(Plan plan) {
    return plan.changes().stream()
        .flatMap(c -> c.steps().stream())
        .anyMatch(p -> p.action() instanceof StepAction.ReplaceContainer r && guards(r));
  }

  /** The recovery from an interrupted apply first, then every change's steps, in plan order. */
  List<Step> steps(Plan plan) {
    List<Step> out = new ArrayList<>();
    Map<Address, RecoveryAction> recoveries = new LinkedHashMap<>();
    plan.recovery().ifPresent(r -> r.actions().forEach(a -> recoveries.put(a.address(), a)));
    recoveries.values().forEach(a -> out.add(bind(a.step(), recoveries)));
    for (Change change : plan.changes()) {
      for (PlannedStep p : change.steps()) {
        out.add(bind(p, recoveries));
      }
    }
    return out;
  }

  private Step bind(PlannedStep p, Map<Address, RecoveryAction> recoveries) {
    return p.action().accept(new Binding(p, recoveries));
  }

  /** Binds one planned step; {@code recoveries} are the plan's, by address. */
  private final class Binding implements StepAction.Visitor<Step> {
    private final PlannedStep p;
    private final String id;
    private final List<String> deps;
    private final Map<Address, RecoveryAction> recoveries;

    Binding(PlannedStep p, Map<Address, RecoveryAction> recoveries) {
      this.p = p;
      this.id = p.id();
      this.deps = p.dependsOn();
      this.recoveries = recoveries;
    }

    @Override
    public Step createNetwork(StepAction.CreateNetwork a) {
      return new CreateNetworkStep(id, deps, a.network());
    }

    @Override
    public Step removeNetwork(StepAction.RemoveNetwork a) {
      return new RemoveNetworkStep(id, deps, a.name());
    }

    @Override
    public Step createVolume(StepAction.CreateVolume a) {
      return new CreateVolumeStep(id, deps, a.volume());
    }

    @Override
    public Step removeVolume(StepAction.RemoveVolume a) {
      return new RemoveVolumeStep(id, deps, a.name());
    }

    @Override
    public Step adoptVolume(StepAction.AdoptVolume a) {
      return new AdoptVolumeStep(id, deps, a.name());
    }

    @Override
    public Step storeSecret(StepAction.StoreSecret a) {
      return new StoreSecretStep(
          id, deps, needs.secretsFile(), a.kind().fileKey(), a.value(), a.generatedNow());
    }

    @Override
    public Step ensureImage(StepAction.EnsureImage a) {
      return new EnsureImageStep(id, deps, a.image());
    }

    @Override
    public Step startContainer(StepAction.StartContainer a) {
      return new StartContainerStep(
          id, deps, a.container(), hash(a.configHash()), adoptedLabels(a.adoptedVolumes()));
    }

    @Override
    public Step replaceContainer(StepAction.ReplaceContainer a) {
      boolean forwardOnly = a.reversibility() == Reversibility.FORWARD_ONLY;
      java.util.Optional<DataGuard> dataGuard =
          GuardedReplace.of(a).filter(k -> guard != null).map(k -> guard.apply(a));
      if (dataGuard.isPresent()) {
        // the backup taken in the stop window is this step's undo
        return new ReplaceContainerStep(
            id, deps, a.before(), a.after(), hash(a.configHash()), java.util.Map.of(), dataGuard);
      }
      Step step = new ReplaceContainerStep(id, deps, a.before(), a.after(), hash(a.configHash()));
      return forwardOnly ? new WithoutUndo(step, p.undoNote()) : step;
    }

    @Override
    public Step setPostgresPassword(StepAction.SetPostgresPassword a) {
      return new SetPostgresPasswordStep(
          id, deps, a.container(), a.user(), a.password(), a.previous());
    }

    @Override
    public Step removeContainer(StepAction.RemoveContainer a) {
      return new RemoveContainerStep(id, deps, a.name(), a.stopTimeoutSeconds());
    }

    @Override
    public Step createDatabase(StepAction.CreateDatabase a) {
      return new CreateDatabaseStep(id, deps, needs.postgres(), a.name());
    }

    @Override
    public Step dropDatabase(StepAction.DropDatabase a) {
      return new DropDatabaseStep(id, deps, needs.postgres(), a.name(), a.managed());
    }

    @Override
    public Step setEnv(StepAction.SetEnv a) {
      return new SetEnvVarStep(
          id, deps, needs.convex(), a.name(), Optional.of(a.value()), a.previous());
    }

    @Override
    public Step unsetEnv(StepAction.UnsetEnv a) {
      return new SetEnvVarStep(id, deps, needs.convex(), a.name(), Optional.empty(), a.previous());
    }

    @Override
    public Step writeEnvFile(StepAction.WriteEnvFile a) {
      Supplier<Map<String, String>> entries =
          () -> {
            Map<String, String> m = new LinkedHashMap<>();
            a.entries()
                .forEach(
                    (key, value) -> {
                      if (!key.equals(EnvFileKeys.ADMIN_KEY)) {
                        m.put(key, value.text());
                      }
                    });
            if (a.entries().containsKey(EnvFileKeys.ADMIN_KEY)) {
              m.put(EnvFileKeys.ADMIN_KEY, Keys.adminKey(needs.deployment(), a.instanceSecret()));
            }
            return m;
          };
      return new WriteEnvFileStep(id, deps, a.path(), entries);
    }

    @Override
    public Step stopWriter(StepAction.StopWriter a) {
      return new StopWriterStep(id, deps, a.name(), a.restartPolicy(), a.running());
    }

    @Override
    public Step recoverContainer(StepAction.RecoverContainer a) {
      RecoveryAction recovery = recoveries.get(a.address());
      if (recovery == null) {
        throw new IllegalStateException("no recovery in the plan for " + a.address());
      }
      return new RecoverContainerStep(id, deps, recovery, a.ready().orElse(null));
    }

    @Override
    public Step recorded(StepAction.Recorded a) {
      throw new IllegalStateException(
          "step " + id + " was read back from a saved plan: it can be shown, not applied");
    }
  }

  private static String hash(Optional<String> configHash) {
    return configHash.orElseThrow(
        () -> new IllegalStateException("no hash key: the secrets file provides one at apply"));
  }

  private static Map<String, String> adoptedLabels(List<String> volumes) {
    return volumes.isEmpty() ? Map.of() : Map.of(Labels.ADOPTED_VOLUMES, String.join(",", volumes));
  }
}
