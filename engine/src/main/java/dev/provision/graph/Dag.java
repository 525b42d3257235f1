package dev.provision.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * An immutable directed acyclic graph of node ids and their dependencies, checked on construction:
 * every dependency names a node, and there is no cycle. Knows nothing about what a node does; the
 * {@link Walker} runs them.
 *
 * <p>Insertion order matters: {@link #topologicalOrder()} breaks ties by it, so the same input
 * always gives the same order.
 */
public final class Dag {
  private final Map<String, List<String>> dependencies;
  private final List<String> order;

  private Dag(Map<String, List<String>> dependencies) {
    this.dependencies = dependencies;
    this.order = sort(dependencies);
  }

  /** A builder that keeps insertion order. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every node id, in insertion order. */
  public List<String> nodes() {
    return List.copyOf(dependencies.keySet());
  }

  /** The direct dependencies of {@code id}, in the order they were given. */
  public List<String> dependenciesOf(String id) {
    List<String> deps = dependencies.get(id);
    if (deps == null) {
      throw new IllegalArgumentException("no node " + id);
    }
    return deps;
  }

  /**
   * Every node after all of its dependencies. Among nodes that are ready at the same time, the one
   * inserted first comes first.
   */
  public List<String> topologicalOrder() {
    return order;
  }

  private static List<String> sort(Map<String, List<String>> deps) {
    Map<String, Integer> position = new HashMap<>();
    for (String id : deps.keySet()) {
      position.put(id, position.size());
    }
    Map<String, Integer> waiting = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    for (Map.Entry<String, List<String>> e : deps.entrySet()) {
      waiting.put(e.getKey(), e.getValue().size());
      for (String dep : e.getValue()) {
        dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(e.getKey());
      }
    }
    PriorityQueue<String> ready = new PriorityQueue<>(Comparator.comparing(position::get));
    waiting.forEach(
        (id, n) -> {
          if (n == 0) {
            ready.add(id);
          }
        });
    List<String> out = new ArrayList<>();
    while (!ready.isEmpty()) {
      String id = ready.poll();
      out.add(id);
      for (String next : dependents.getOrDefault(id, List.of())) {
        if (waiting.merge(next, -1, Integer::sum) == 0) {
          ready.add(next);
        }
      }
    }
    if (out.size() < deps.size()) {
      List<String> cycle = findCycle(deps, Set.copyOf(out));
      throw new GraphException("dependency cycle: " + String.join(" -> ", cycle), cycle);
    }
    return Collections.unmodifiableList(out);
  }

  /** Follows dependencies among the unsorted nodes until one repeats; that loop is a cycle. */
  private static List<String> findCycle(Map<String, List<String>> deps, Set<String> sorted) {
    String start =
        deps.keySet().stream().filter(id -> !sorted.contains(id)).findFirst().orElseThrow();
    Deque<String> path = new ArrayDeque<>();
    Map<String, Integer> seenAt = new HashMap<>();
    String current = start;
    while (!seenAt.containsKey(current)) {
      seenAt.put(current, path.size());
      path.addLast(current);
      current =
          deps.get(current).stream().filter(d -> !sorted.contains(d)).findFirst().orElseThrow();
    }
    List<String> walk = new ArrayList<>(path);
    List<String> cycle = new ArrayList<>(walk.subList(seenAt.get(current), walk.size()));
    cycle.add(current);
    return cycle;
  }

  /** Collects nodes; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private final Map<String, List<String>> nodes = new LinkedHashMap<>();

    private Builder() {}

    /** Adds a node; throws {@link GraphException} when the id was already added. */
    public Builder add(String id, List<String> dependsOn) {
      if (nodes.containsKey(id)) {
        throw new GraphException("duplicate node id: " + id, List.of(id));
      }
      nodes.put(id, List.copyOf(dependsOn));
      return this;
    }

    /** Checks that every dependency exists and that there is no cycle. */
    public Dag build() {
      List<String> missing = new ArrayList<>();
      nodes.forEach(
          (id, deps) -> {
            for (String dep : deps) {
              if (!nodes.containsKey(dep)) {
                missing.add(id + " -> " + dep);
              }
            }
          });
      if (!missing.isEmpty()) {
        throw new GraphException(
            "dependency on an unknown node: " + String.join(", ", missing), missing);
      }
      return new Dag(Collections.unmodifiableMap(new LinkedHashMap<>(nodes)));
    }
  }
}
