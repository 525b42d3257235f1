package dev.provision.driver.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** When the data node can take the deployment's stateful services: Ready and Active only. */
class SwarmNodesTest {
  private static JsonNode node(String state, String availability) throws Exception {
    return SwarmApi.JSON.readTree(
        "{\"Status\":{\"State\":\""
            + state
            + "\"},\"Spec\":{\"Availability\":\""
            + availability
            + "\"}}");
  }

  @Test
  void aReadyActiveNodeTakesTasks() throws Exception {
    assertThat(SwarmNodes.trouble(node("ready", "active"))).isEmpty();
  }

  @Test
  void aDownOrUnknownNodeIsNotReady() throws Exception {
    assertThat(SwarmNodes.trouble(node("down", "active"))).contains("down");
    assertThat(SwarmNodes.trouble(node("unknown", "active"))).contains("unknown");
    assertThat(SwarmNodes.trouble(SwarmApi.JSON.createObjectNode())).contains("unknown");
  }

  @Test
  void aDrainedOrPausedNodeIsNotActive() throws Exception {
    assertThat(SwarmNodes.trouble(node("ready", "drain")))
        .contains("not active (availability drain)");
    assertThat(SwarmNodes.trouble(node("ready", "pause")))
        .contains("not active (availability pause)");
  }
}
