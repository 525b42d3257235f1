package dev.provision.driver.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.driver.ContainerState;
import dev.provision.live.ObservedResource;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.HealthCheck;
import dev.provision.model.Mount;
import dev.provision.model.PortBinding;
import dev.provision.model.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ServiceSpecsTest {
  static ContainerResource backend() {
    TreeMap<String, Value> env = new TreeMap<>();
    env.put("INSTANCE_SECRET", Value.secret("s3cr3t"));
    env.put("RUST_LOG", Value.plain("info"));
    return new ContainerResource(
        Address.of(Address.Kind.CONTAINER, "backend"),
        "prod-backend",
        "provision-test/convex-backend",
        env,
        List.of(new PortBinding("127.0.0.1", 3210, 3210)),
        List.of(Mount.volume("prod-data", "/convex/data")),
        "prod-net",
        "backend",
        List.of("serve"),
        "unless-stopped",
        "SIGINT",
        30,
        null,
        List.of("api.example.test"),
        new HealthCheck(
            List.of("curl", "-f", "http://localhost:3210/version"),
            Duration.ofSeconds(5),
            Duration.ofSeconds(3),
            Duration.ofSeconds(10),
            3));
  }

  static ContainerResource dashboard() {
    return new ContainerResource(
        Address.of(Address.Kind.CONTAINER, "dashboard"),
        "prod-dashboard",
        "provision-test/convex-dashboard",
        new TreeMap<>(),
        List.of(),
        List.of(),
        "prod-net",
        "dashboard",
        List.of(),
        "unless-stopped",
        null,
        10,
        null,
        List.of(),
        null);
  }

  static ObjectNode spec(ContainerResource c) {
    return ServiceSpecs.of(
        "prod", c, "prod-backend", c.name(), "h1", Map.of("x.extra", "1"), Map.of(), Map.of());
  }

  @Test
  void aStatefulServiceIsPinnedStopFirstOnHostPortsWithItsLabelsOnServiceAndContainer()
      throws Exception {
    String labels =
        "{\"dev.provision.address\":\"container.backend\",\"dev.provision.command-set\":\"true\","
            + "\"dev.provision.config-hash\":\"h1\",\"dev.provision.deployment\":\"prod\","
            + "\"dev.provision.env-keys\":\"INSTANCE_SECRET,RUST_LOG\","
            + "\"dev.provision.health-set\":\"true\",\"dev.provision.name\":\"prod-backend\","
            + "\"dev.provision.sensitive-keys\":\"INSTANCE_SECRET\","
            + "\"dev.provision.swarm.name\":\"prod-backend\","
            + "\"dev.provision.swarm.restart-policy\":\"unless-stopped\",\"x.extra\":\"1\"}";
    String expected =
        "{\"Name\":\"prod-backend\",\"Labels\":"
            + labels
            + ",\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"provision-test/convex-backend\","
            + "\"Labels\":"
            + labels
            + ",\"Env\":[\"INSTANCE_SECRET=s3cr3t\",\"RUST_LOG=info\"],\"Args\":[\"serve\"],"
            + "\"Mounts\":[{\"Type\":\"volume\",\"Source\":\"prod-data\",\"Target\":\"/convex/data\","
            + "\"ReadOnly\":false,\"VolumeOptions\":{\"Labels\":{\"dev.provision.deployment\":\"prod\"}}}],"
            + "\"StopSignal\":\"SIGINT\",\"StopGracePeriod\":30000000000,"
            + "\"Healthcheck\":{\"Test\":[\"CMD\",\"curl\",\"-f\",\"http://localhost:3210/version\"],"
            + "\"Interval\":5000000000,\"Timeout\":3000000000,\"StartPeriod\":10000000000,\"Retries\":3}},"
            + "\"RestartPolicy\":{\"Condition\":\"on-failure\",\"Delay\":5000000000,\"MaxAttempts\":0},"
            + "\"Placement\":{\"Constraints\":[\"node.labels.dev.provision.node.prod==data\"]},"
            + "\"Networks\":[{\"Target\":\"prod-net\",\"Aliases\":[\"backend\",\"api.example.test\"]}]},"
            + "\"Mode\":{\"Replicated\":{\"Replicas\":0}},"
            + "\"UpdateConfig\":{\"Parallelism\":1,\"Order\":\"stop-first\",\"FailureAction\":\"rollback\"},"
            + "\"RollbackConfig\":{\"Parallelism\":1,\"Order\":\"stop-first\"},"
            + "\"EndpointSpec\":{\"Mode\":\"dnsrr\",\"Ports\":[{\"Protocol\":\"tcp\",\"TargetPort\":3210,"
            + "\"PublishedPort\":3210,\"PublishMode\":\"host\"}]}}";
    assertThat(spec(backend())).isEqualTo(SwarmApi.JSON.readTree(expected));
  }

  @Test
  void noSecretValueInAnyLabel() {
    JsonNode spec = spec(backend());
    assertThat(spec.path("Labels").toString()).doesNotContain("s3cr3t");
    assertThat(spec.path("TaskTemplate").path("ContainerSpec").path("Labels").toString())
        .doesNotContain("s3cr3t");
  }

  @Test
  void aStatelessServiceWithoutPortsFloatsAndStartsFirst() {
    JsonNode spec = spec(dashboard());
    assertThat(spec.path("TaskTemplate").has("Placement")).isFalse();
    assertThat(spec.path("UpdateConfig").path("Order").asText()).isEqualTo("start-first");
    assertThat(spec.path("EndpointSpec").toString()).isEqualTo("{\"Mode\":\"dnsrr\"}");
    assertThat(spec.path("TaskTemplate").path("ContainerSpec").has("Args")).isFalse();
  }

  @Test
  void volumesMadeInTheRunCarryTheirLabelsToTheNode() {
    JsonNode spec =
        ServiceSpecs.of(
            "prod",
            backend(),
            "prod-backend",
            "prod-backend",
            "h1",
            Map.of(),
            Map.of("prod-data", Map.of("dev.provision.address", "volume.data")),
            Map.of());
    assertThat(spec.at("/TaskTemplate/ContainerSpec/Mounts/0/VolumeOptions/Labels").toString())
        .isEqualTo("{\"dev.provision.address\":\"volume.data\"}");
  }

  /**
   * What the decoder reads from a service made from a spec equals the spec, but for the port IP.
   */
  @Test
  void readsBackAsTheSameAttributes() {
    ObjectNode service = SwarmApi.JSON.createObjectNode().put("ID", "svc1");
    service.set("Spec", spec(backend()));
    ((ObjectNode) service.at("/Spec/TaskTemplate/Networks/0")).put("Target", "netid");
    ObservedResource seen =
        ServiceDecoder.decode(service, List.of(), Map.of("netid", "prod-net"), Map.of());
    ContainerResource expected =
        new ContainerResource(
            backend().address(),
            backend().name(),
            backend().image(),
            backend().env(),
            List.of(new PortBinding("0.0.0.0", 3210, 3210)),
            backend().mounts(),
            backend().network(),
            backend().alias(),
            backend().command(),
            backend().restartPolicy(),
            backend().stopSignal(),
            backend().stopTimeoutSeconds(),
            null,
            backend().extraAliases(),
            backend().healthCheck());
    assertThat(seen.resource()).isEqualTo(expected);
    assertThat(seen.appliedHash()).isEqualTo("h1");
    assertThat(seen.status().running()).isFalse();
    assertThat(seen.status().node()).isEmpty();
  }

  /**
   * The engine returns the health check under {@code Healthcheck} (it accepts {@code HealthCheck}
   * on write): read from any other key, a service made with one read back without it, and its
   * config hash looked changed outside provision right after apply.
   */
  @Test
  void readsTheHealthCheckUnderTheKeyTheEngineReturns() throws Exception {
    ObjectNode service = SwarmApi.JSON.createObjectNode().put("ID", "svc1");
    service.set("Spec", spec(backend()));
    ObjectNode container = (ObjectNode) service.at("/Spec/TaskTemplate/ContainerSpec");
    container.remove(List.of("HealthCheck", "Healthcheck"));
    container.set(
        "Healthcheck",
        SwarmApi.JSON.readTree(
            "{\"Test\":[\"CMD\",\"curl\",\"-f\",\"http://localhost:3210/version\"],"
                + "\"Interval\":5000000000,\"Timeout\":3000000000,"
                + "\"StartPeriod\":10000000000,\"Retries\":3}"));
    ObservedResource seen = ServiceDecoder.decode(service, List.of(), Map.of(), Map.of());
    assertThat(seen.resource()).isInstanceOf(ContainerResource.class);
    assertThat(((ContainerResource) seen.resource()).healthCheck())
        .isEqualTo(backend().healthCheck());
  }

  /** The status of a service names the node its running task is on. */
  @Test
  void aRunningServiceReadsWithTheNodeOfItsTask() throws Exception {
    ObjectNode service = SwarmApi.JSON.createObjectNode().put("ID", "svc1");
    service.set("Spec", spec(backend()));
    JsonNode old =
        SwarmApi.JSON.readTree(
            "{\"CreatedAt\":\"2026-11-29T10:00:01Z\",\"NodeID\":\"n2\",\"Status\":{\"State\":"
                + "\"shutdown\"}}");
    JsonNode running =
        SwarmApi.JSON.readTree(
            "{\"CreatedAt\":\"2026-11-29T10:00:09Z\",\"NodeID\":\"n1\",\"Status\":{\"State\":"
                + "\"running\"}}");
    ObservedResource seen =
        ServiceDecoder.decode(
            service, List.of(old, running), Map.of(), Map.of("n1", "node-a", "n2", "node-b"));
    assertThat(seen.status().running()).isTrue();
    assertThat(seen.status().node()).contains("node-a");

    ObservedResource stopped =
        ServiceDecoder.decode(service, List.of(old), Map.of(), Map.of("n2", "node-b"));
    assertThat(stopped.status().node()).isEmpty();
  }

  @Test
  void aServiceReadsAsItsNewestTaskWithNodeAndLastError() throws Exception {
    ObjectNode service = SwarmApi.JSON.createObjectNode().put("ID", "svc1");
    service.set("Spec", spec(backend()));
    JsonNode failed =
        SwarmApi.JSON.readTree(
            "{\"CreatedAt\":\"2026-11-29T10:00:01.5Z\",\"NodeID\":\"n1\",\"Status\":{\"State\":"
                + "\"failed\",\"Err\":\"task: non-zero exit (3)\",\"ContainerStatus\":{\"ExitCode\":3}}}");
    JsonNode pending =
        SwarmApi.JSON.readTree(
            "{\"CreatedAt\":\"2026-11-29T10:00:07Z\",\"NodeID\":\"n1\",\"Status\":{\"State\":"
                + "\"ready\"}}");
    ContainerState state =
        ServiceDecoder.state(service, List.of(failed, pending), Map.of("n1", "node-a"));
    assertThat(state.running()).isFalse();
    assertThat(state.exitCode()).isEqualTo(3);
    assertThat(state.node()).contains("node-a");
    assertThat(state.lastError()).contains("task: non-zero exit (3)");
    assertThat(state.name()).isEqualTo("prod-backend");

    JsonNode running =
        SwarmApi.JSON.readTree(
            "{\"CreatedAt\":\"2026-11-29T10:00:09Z\",\"NodeID\":\"n1\",\"Status\":{\"State\":"
                + "\"starting\",\"ContainerStatus\":{\"ContainerID\":\"c1\"}}}");
    ContainerState up =
        ServiceDecoder.state(service, List.of(failed, pending, running), Map.of("n1", "node-a"));
    assertThat(up.running()).isTrue();
    assertThat(up.health()).isEqualTo("starting");
    assertThat(up.exitCode()).isNull();
    assertThat(up.lastError()).isEqualTo(Optional.empty());
  }
}
