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

  private static JsonNode task(String node, String state, String desired, String err)
      throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode t =
        (com.fasterxml.jackson.databind.node.ObjectNode) task(node, state, "2026-11-29T20:00:00Z");
    t.put("DesiredState", desired);
    ((com.fasterxml.jackson.databind.node.ObjectNode) t.path("Status")).put("Err", err);
    return t;
  }

  /** Errors as a node that has just rejoined reported them (seen on the three-node fixture). */
  @Test
  void onlyANetworkAttachmentFailureIsARejoiningNodes() throws Exception {
    assertThat(
            TaskStates.failedWhileRejoining(
                task(
                    "w",
                    "rejected",
                    "shutdown",
                    "node is missing network attachments, ip addresses may be exhausted")))
        .isTrue();
    assertThat(
            TaskStates.failedWhileRejoining(
                task(
                    "w",
                    "failed",
                    "shutdown",
                    "starting container failed: network a54w10gmjdmay9pcpli0ofgde not found")))
        .isTrue();
    assertThat(
            TaskStates.failedWhileRejoining(
                task(
                    "w",
                    "failed",
                    "shutdown",
                    "starting container failed: failed to create shim task: OCI runtime create"
                        + " failed: exec: \"no-such-cmd\": executable file not found in $PATH")))
        .as("a command that does not exist fails at once")
        .isFalse();
    assertThat(
            TaskStates.failedWhileRejoining(
                task(
                    "w",
                    "failed",
                    "shutdown",
                    "starting container failed: ... Bind for 0.0.0.0:18080 failed: port is already"
                        + " allocated")))
        .isFalse();
    assertThat(
            TaskStates.failedWhileRejoining(
                task("w", "preparing", "running", "network x not found")))
        .as("not failed")
        .isFalse();
  }

  /** A task being prepared when its service is scaled to 0 has not finished: it may still bind. */
  @Test
  void aTaskOnItsWayHasNotFinishedUntilItEnds() throws Exception {
    assertThat(TaskStates.active(task("w", "preparing", "remove", ""))).isTrue();
    assertThat(TaskStates.active(task("w", "running", "shutdown", ""))).isTrue();
    assertThat(TaskStates.active(task("w", "shutdown", "shutdown", ""))).isFalse();
    assertThat(TaskStates.active(task("w", "failed", "shutdown", ""))).isFalse();
    assertThat(TaskStates.active(task("", "pending", "remove", "")))
        .as("placed on no node and told to stop: never starts")
        .isFalse();
    assertThat(TaskStates.active(task("", "pending", "running", ""))).isTrue();
  }
}
