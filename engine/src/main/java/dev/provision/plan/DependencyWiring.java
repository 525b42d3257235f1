package dev.provision.plan;

import dev.provision.model.Address;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds the edges between changes: what is created must exist before what uses it, in the order of
 * the {@link DeploymentPolicy#rank ranks} the policy gives; what is deleted goes in the reverse
 * order. Changes of the same rank run in parallel. A change that starts by making sure its image is
 * there (a pull, on a new host) does that at once: only its next step waits for the earlier ranks,
 * so pulling overlaps creating the network, volumes and whatever starts before.
 */
final class DependencyWiring {
  private DependencyWiring() {}

  /**
   * Deletes go from the top rank down; creates and updates from the bottom up, after every
   * container delete (a removed container frees its host ports).
   */
  private static boolean mustPrecede(DeploymentPolicy policy, Change first, Change then) {
    boolean firstDeletes = first.action() == Action.DELETE;
    int before = policy.rank(first.address());
    int after = policy.rank(then.address());
    if (then.action() == Action.DELETE) {
      return firstDeletes && before > after;
    }
    if (firstDeletes) {
      return first.address().kind() == Address.Kind.CONTAINER;
    }
    return before < after && policy.waitsFor(then.address(), first.address());
  }

  /** Makes every change's first step wait for the recovery's steps, which run first. */
  static List<Change> afterRecovery(List<Change> changes, java.util.Optional<Recovery> recovery) {
    List<String> ids =
        recovery.map(r -> r.steps().stream().map(PlannedStep::id).toList()).orElse(List.of());
    if (ids.isEmpty()) {
      return changes;
    }
    List<Change> out = new ArrayList<>();
    for (Change c : changes) {
      if (c.steps().isEmpty()) {
        out.add(c);
        continue;
      }
      List<PlannedStep> steps = new ArrayList<>(c.steps());
      PlannedStep first = steps.get(0);
      List<String> all = new ArrayList<>(first.dependsOn());
      all.addAll(ids);
      steps.set(0, first.withDependsOn(all));
      out.add(c.withSteps(steps));
    }
    return out;
  }

  /**
   * Returns the changes with their first step (or the one after an image check) depending on the
   * last step of every earlier rank.
   */
  static List<Change> wire(List<Change> changes, DeploymentPolicy policy) {
    List<Change> out = new ArrayList<>();
    for (Change c : changes) {
      if (c.steps().isEmpty()) {
        out.add(c);
        continue;
      }
      List<String> deps = new ArrayList<>();
      for (Change other : changes) {
        if (other != c && !other.steps().isEmpty() && mustPrecede(policy, other, c)) {
          deps.add(other.steps().get(other.steps().size() - 1).id());
        }
      }
      List<PlannedStep> steps = new ArrayList<>(c.steps());
      int waits =
          steps.size() > 1 && steps.get(0).action() instanceof StepAction.EnsureImage ? 1 : 0;
      PlannedStep first = steps.get(waits);
      List<String> all = new ArrayList<>(first.dependsOn());
      deps.stream().sorted().forEach(all::add);
      steps.set(waits, first.withDependsOn(all));
      out.add(c.withSteps(steps));
    }
    return out;
  }
}
