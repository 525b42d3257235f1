package dev.provision.engine;

import dev.provision.desired.DesiredStateCompiler;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.DesiredState;
import dev.provision.model.Spec;
import dev.provision.plan.Plan;
import dev.provision.plan.Planner;
import dev.provision.policy.ConvexPolicy;
import dev.provision.secrets.SpecSecrets;
import dev.provision.spec.SpecResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The body of {@link Engine}'s offline plan: a spec against nothing or an older spec. */
final class OfflinePlanner {
  private OfflinePlanner() {}

  /**
   * @param read reads a spec file as the engine does (recording its sensitive texts)
   * @param noBackup the plan says apply takes no backup ({@code --no-backup})
   */
  static Plan plan(
      Function<Path, SpecResult> read, Path specFile, Against against, boolean noBackup) {
    SpecResult result = read.apply(specFile);
    Spec spec = result.spec();
    DesiredState desired = DesiredStateCompiler.compile(spec, SpecSecrets.of(spec));
    ObservedState observed;
    if (against instanceof Against.OtherSpec other) {
      observed = asApplied(read.apply(other.file()).spec());
    } else if (against instanceof Against.Empty) {
      observed = ObservedState.empty(spec.deployment());
    } else {
      throw new IllegalArgumentException("live plans need a target");
    }
    Plan plan =
        Planner.plan(
            desired,
            observed,
            new Planner.Request(
                specFile.toString(),
                against.label(),
                result.warnings(),
                false,
                ConvexPolicy.instance()));
    return BackupPlanning.decide(plan, spec, noBackup);
  }

  /** What an older spec would have left on a target after a perfect apply. */
  static ObservedState asApplied(Spec old) {
    DesiredState state = DesiredStateCompiler.compile(old, SpecSecrets.of(old));
    Map<Address, ObservedResource> map = new TreeMap<>();
    state.resources().forEach((a, r) -> map.put(a, ObservedResource.of(r)));
    return new ObservedState(state.deployment(), new TreeMap<>(map));
  }
}
