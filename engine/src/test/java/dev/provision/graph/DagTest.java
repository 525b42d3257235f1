package dev.provision.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DagTest {

  @Test
  void topologicalOrderBreaksTiesByInsertionOrder() {
    Dag dag =
        Dag.builder()
            .add("net", List.of())
            .add("web", List.of("image", "net"))
            .add("image", List.of())
            .add("vol", List.of())
            .add("db", List.of("vol", "net"))
            .build();

    assertThat(dag.topologicalOrder()).containsExactly("net", "image", "web", "vol", "db");
  }

  @Test
  void sameInputGivesSameOrder() {
    Dag.Builder b = Dag.builder();
    for (String id : List.of("e", "d", "c", "b", "a")) {
      b.add(id, List.of());
    }
    assertThat(b.build().topologicalOrder()).containsExactly("e", "d", "c", "b", "a");
  }

  @Test
  void cycleErrorNamesTheLoopInOrder() {
    Dag.Builder b =
        Dag.builder()
            .add("ok", List.of())
            .add("a", List.of("c", "ok"))
            .add("b", List.of("a"))
            .add("c", List.of("b"));

    assertThatThrownBy(b::build)
        .isInstanceOf(GraphException.class)
        .hasMessage("dependency cycle: a -> c -> b -> a")
        .satisfies(
            e -> assertThat(((GraphException) e).nodes()).containsExactly("a", "c", "b", "a"));
  }

  @Test
  void selfDependencyIsACycle() {
    assertThatThrownBy(() -> Dag.builder().add("a", List.of("a")).build())
        .hasMessage("dependency cycle: a -> a");
  }

  @Test
  void unknownDependencyIsNamed() {
    assertThatThrownBy(() -> Dag.builder().add("a", List.of("ghost")).build())
        .isInstanceOf(GraphException.class)
        .hasMessage("dependency on an unknown node: a -> ghost");
  }

  @Test
  void duplicateIdIsRejected() {
    Dag.Builder b = Dag.builder().add("a", List.of());
    assertThatThrownBy(() -> b.add("a", List.of())).hasMessage("duplicate node id: a");
  }
}
