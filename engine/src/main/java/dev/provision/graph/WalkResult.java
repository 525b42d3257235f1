package dev.provision.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one walk.
 *
 * @param outcomes every node's outcome, in the graph's topological order
 * @param completionOrder the nodes that succeeded, in the order they finished (undo runs in
 *     reverse)
 * @param interrupted whether the walking thread was interrupted (the flag is set again on return)
 */
public record WalkResult(
    Map<String, NodeOutcome> outcomes, List<String> completionOrder, boolean interrupted) {

  public WalkResult {
    outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    completionOrder = List.copyOf(completionOrder);
  }

  /** True when every node succeeded. */
  public boolean succeeded() {
    return outcomes.values().stream().allMatch(o -> o instanceof NodeOutcome.Succeeded);
  }

  /** The nodes that failed themselves, in topological order; never the skipped ones. */
  public List<String> rootCauses() {
    return outcomes.entrySet().stream()
        .filter(e -> e.getValue() instanceof NodeOutcome.Failed)
        .map(Map.Entry::getKey)
        .toList();
  }
}
