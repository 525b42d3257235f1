package dev.provision.engine;

import dev.provision.desired.DesiredStateCompiler;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's front door: reads specs, plans and (with a target) applies. Wired by the CLI's
 * {@code Main}; never prints and never exits. Problems a user can fix are ProvisionExceptions.
 */
public final class Engine {
  private final Map<String, String> environment;

  public Engine(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
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
    return Planner.plan(desired, observed,
        new Planner.Request(specFile.toString(), against.label(), result.warnings(), false));
  }

  /** Plans a spec against its live target. */
  public Plan planLive(Path specFile, List<String> sets) {
    throw dev.provision.diag.ProvisionException.of("live targets are not available yet",
        "plan with --against empty or --against OLD_SPEC");
  }

  /** What an older spec would have left on a target after a perfect apply. */
  private static ObservedState asApplied(Spec old) {
    DesiredState state = DesiredStateCompiler.compile(old, SpecSecrets.of(old));
    Map<Address, ObservedResource> map = new TreeMap<>();
    state.resources().forEach((a, r) -> map.put(a, ObservedResource.of(r)));
    return new ObservedState(state.deployment(), new TreeMap<>(map));
  }
}
