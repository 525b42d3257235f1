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
    assertThat(SwarmNodes.unready(node("ready", "active"))).isEmpty();
  }

  @Test
  void aDownOrUnknownNodeIsNotReady() throws Exception {
    assertThat(SwarmNodes.unready(node("down", "active"))).contains("not ready (state down)");
    assertThat(SwarmNodes.unready(node("unknown", "active"))).contains("not ready (state unknown)");
    assertThat(SwarmNodes.unready(SwarmApi.JSON.createObjectNode()))
        .contains("not ready (state unknown)");
  }

  @Test
  void aDrainedOrPausedNodeIsNotActive() throws Exception {
    assertThat(SwarmNodes.unready(node("ready", "drain")))
        .contains("not active (availability drain)");
    assertThat(SwarmNodes.unready(node("ready", "pause")))
        .contains("not active (availability pause)");
  }
}
