package dev.provision.graph;

import java.util.List;

/**
 * A graph that cannot be walked: a dependency on an unknown node, a duplicate id, or a cycle. The
 * message names the offending nodes (for a cycle, the whole loop in order, e.g. {@code a -> b ->
 * a}). It signals a bug in whoever built the graph, not a user mistake.
 */
public final class GraphException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final List<String> nodes;

  GraphException(String message, List<String> nodes) {
    super(message);
    this.nodes = List.copyOf(nodes);
  }

  /** The nodes involved: the cycle in order (first node repeated at the end), or the bad ids. */
  public List<String> nodes() {
    return nodes;
  }
}
