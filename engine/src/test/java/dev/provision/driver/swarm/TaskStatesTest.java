package dev.provision.driver.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A task on a node the manager does not see ready does not run, as far as provision can tell. */
class TaskStatesTest {
  private static JsonNode task(String node, String state, String created) throws Exception {
    return SwarmApi.JSON.readTree(
        "{\"NodeID\":\""
            + node
            + "\",\"CreatedAt\":\""
            + created
            + "\",\"Status\":{\"State\":\""
            + state
            + "\",\"ContainerStatus\":{\"ContainerID\":\"c-"
            + node
            + "\"}}}");
  }

  @Test
  void aRunningTaskOnADownNodeIsDroppedAndThePendingOneKept() throws Exception {
    JsonNode stale = task("worker", "running", "2026-11-29T20:00:00Z");
    JsonNode pending = task("", "pending", "2026-11-29T20:01:00Z");
    List<JsonNode> seen = TaskStates.onReadyNodes(List.of(stale, pending), Set.of("worker"));
    assertThat(seen).containsExactly(pending);
    assertThat(TaskStates.running(seen)).isEmpty();
    assertThat(TaskStates.running(TaskStates.onReadyNodes(List.of(stale), Set.of())))
        .contains(stale);
  }
}
