package dev.provision.spec;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * SnakeYAML's composer, remembering where each alias used as a mapping value was written. An alias
 * composes to the anchored node itself, which carries the anchor's position; this keeps the use's
 * position so that an error about the value (a merge of a scalar, an alias that contains itself)
 * points at the use.
 */
final class MarkingComposer extends Composer {
  private final Map<MappingNode, Map<Integer, Mark>> uses = new IdentityHashMap<>();

  MarkingComposer(Parser parser, LoaderOptions options) {
    super(parser, new Resolver(), options);
  }

  @Override
  protected Node composeValueNode(MappingNode node) {
    Mark use = parser.checkEvent(Event.ID.Alias) ? parser.peekEvent().getStartMark() : null;
    int index = node.getValue().size();
    Node value = super.composeValueNode(node);
    if (use != null) {
      uses.computeIfAbsent(node, n -> new HashMap<>()).put(index, use);
    }
    return value;
  }

  /** Where the value of the mapping's {@code index}-th entry was written as an alias, or null. */
  Mark aliasUse(MappingNode node, int index) {
    Map<Integer, Mark> marks = uses.get(node);
    return marks == null ? null : marks.get(index);
  }
}
