package dev.provision.plan;

import dev.provision.diag.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * An immutable plan: every change (no-ops excluded), drift, and warnings. Holds no secret values,
 * so it can be written to a file, posted to a pull request and read back.
 *
 * @param spec the spec file the plan was made from
 * @param against what the spec was compared with: {@code empty}, a spec file, or a target
 * @param recovery what apply does first about an interrupted apply found on the target (its steps
 *     run before every change's)
 * @param backup what apply does about the data before a forward-only step a backup makes undoable;
 *     empty when the plan has none
 */
public record Plan(
    int formatVersion,
    String deployment,
    String spec,
    String against,
    List<Change> changes,
    List<Drift> drift,
    List<Diagnostic> warnings,
    Optional<Recovery> recovery,
    Optional<PlannedBackup> backup) {

  public static final int FORMAT_VERSION = 1;

  /** A plan without a backup decision. */
  public Plan(
      int formatVersion,
      String deployment,
      String spec,
      String against,
      List<Change> changes,
      List<Drift> drift,
      List<Diagnostic> warnings,
      Optional<Recovery> recovery) {
    this(
        formatVersion,
        deployment,
        spec,
        against,
        changes,
        drift,
        warnings,
        recovery,
        Optional.empty());
  }

  /** The same plan with {@code changes} and the backup decision {@code decided}. */
  public Plan withBackup(List<Change> changed, PlannedBackup decided) {
    return new Plan(
        formatVersion,
        deployment,
        spec,
        against,
        changed,
        drift,
        warnings,
        recovery,
        Optional.of(decided));
  }

  public Plan {
    changes = List.copyOf(changes);
    drift = List.copyOf(drift);
    warnings = List.copyOf(warnings);
  }

  /** A plan with no interrupted apply to recover from. */
  public Plan(
      int formatVersion,
      String deployment,
      String spec,
      String against,
      List<Change> changes,
      List<Drift> drift,
      List<Diagnostic> warnings) {
    this(formatVersion, deployment, spec, against, changes, drift, warnings, Optional.empty());
  }

  /** True when nothing is to be done: no change and nothing to recover. */
  public boolean isEmpty() {
    return changes.stream().allMatch(c -> c.action() == Action.NO_OP)
        && recovery.map(r -> r.actions().isEmpty()).orElse(true);
  }

  /**
   * The first error-level finding (the target cannot get to the spec now, such as a Swarm data node
   * that is down): plan exits 1 with it and apply refuses it. Empty when apply may go ahead.
   */
  public Optional<Diagnostic> blocker() {
    return warnings.stream().filter(Diagnostic::isError).findFirst();
  }

  /** The highest risk of any change, SAFE for an empty plan. */
  public Risk highestRisk() {
    return changes.stream().map(Change::risk).reduce(Risk.SAFE, Risk::max);
  }

  public long count(Action action) {
    return changes.stream().filter(c -> c.action() == action).count();
  }
}
