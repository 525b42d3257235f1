package dev.provision.plan;

import dev.provision.diag.Diagnostic;
import java.util.List;

/**
 * An immutable plan: every change (no-ops excluded), drift, and warnings. Holds no secret values,
 * so it can be written to a file, posted to a pull request and read back.
 *
 * @param spec the spec file the plan was made from
 * @param against what the spec was compared with: {@code empty}, a spec file, or a target
 */
public record Plan(
    int formatVersion,
    String deployment,
    String spec,
    String against,
    List<Change> changes,
    List<Drift> drift,
    List<Diagnostic> warnings) {

  public static final int FORMAT_VERSION = 1;

  public Plan {
    changes = List.copyOf(changes);
    drift = List.copyOf(drift);
    warnings = List.copyOf(warnings);
  }

  public boolean isEmpty() {
    return changes.stream().allMatch(c -> c.action() == Action.NO_OP);
  }

  /** The highest risk of any change, SAFE for an empty plan. */
  public Risk highestRisk() {
    return changes.stream().map(Change::risk).reduce(Risk.SAFE, Risk::max);
  }

  public long count(Action action) {
    return changes.stream().filter(c -> c.action() == action).count();
  }
}
